import { GET as listRoute } from "@/app/api/v1/leads/route";
import { GET as getRoute, PATCH as patchRoute } from "@/app/api/v1/leads/[id]/route";
import { GET as exportRoute } from "@/app/api/v1/leads/export.csv/route";
import { GET as exportXlsxRoute } from "@/app/api/v1/leads/export.xlsx/route";
import { STALE_VERSION_MESSAGE } from "@/lib/leads/lead-workflow";
import { anonymousHeaders, type SignedInStaff } from "@/tests/support/staff-auth";
import { ctx, staffRequest, storeLead } from "@/tests/support/staff-leads";
import { staffFixture } from "@/tests/support/staff-fixture";
import { forEachProvider } from "@/tests/support/test-db";

interface ErrorBody {
  error: { code: string; message: string; fields?: Record<string, string> };
}

forEachProvider("staff leads API", (t) => {
  const fixture = staffFixture(t);

  describe("authorisation matrix", () => {
    const routes: { name: string; minRole: "front_desk" | "admin"; call: (h: Headers) => Promise<Response> }[] = [
      { name: "GET /api/v1/leads", minRole: "front_desk", call: (h) => listRoute(staffRequest("/api/v1/leads", h)) },
      { name: "GET /api/v1/leads/{id}", minRole: "front_desk", call: (h) => getRoute(staffRequest(`/api/v1/leads/${fixture.leadId}`, h), ctx(fixture.leadId)) },
      {
        name: "PATCH /api/v1/leads/{id}",
        minRole: "front_desk",
        call: (h) => patchRoute(staffRequest(`/api/v1/leads/${fixture.leadId}`, h, { method: "PATCH", body: JSON.stringify({ note: "matrix check" }) }), ctx(fixture.leadId)),
      },
      { name: "GET /api/v1/leads/export.csv", minRole: "admin", call: (h) => exportRoute(staffRequest("/api/v1/leads/export.csv", h)) },
      { name: "GET /api/v1/leads/export.xlsx", minRole: "admin", call: (h) => exportXlsxRoute(staffRequest("/api/v1/leads/export.xlsx", h)) },
    ];
    for (const route of routes) {
      it(`${route.name}: anonymous 401`, async () => {
        const res = await route.call(anonymousHeaders());
        expect(res.status).toBe(401);
        expect(((await res.json()) as ErrorBody).error.code).toBe("UNAUTHENTICATED");
      });
      it(`${route.name}: front desk ${route.minRole === "admin" ? "403" : "200"}`, async () => {
        const res = await route.call(fixture.front.headers);
        expect(res.status).toBe(route.minRole === "admin" ? 403 : 200);
        if (res.status === 403) expect(((await res.json()) as ErrorBody).error.code).toBe("FORBIDDEN");
        else await res.arrayBuffer();
      });
      it(`${route.name}: admin 200`, async () => {
        const res = await route.call(fixture.admin.headers);
        expect(res.status).toBe(200);
        await res.arrayBuffer();
      });
    }

    it("a forged or expired session cookie is anonymous", async () => {
      const res = await listRoute(staffRequest("/api/v1/leads", new Headers({ cookie: "smp-staff.session_token=forged.value" })));
      expect(res.status).toBe(401);
    });
  });

  describe("list", () => {
    it("pages newest first with a cursor, filters and search, without the full answers", async () => {
      const ids: string[] = [];
      const base = Date.now() - 60_000;
      for (let i = 0; i < 5; i++) {
        ids.push(
          await storeLead(t.db, {
            now: new Date(base + i * 1000),
            contact: { lastName: `Pager${i}` , email: `pager.${i}.${base}@example.com` },
            answers: i % 2 === 0 ? { skinConditions: ["psoriasis"] } : {},
          }),
        );
      }
      const first = await listRoute(staffRequest("/api/v1/leads?q=pager&limit=2", fixture.admin.headers));
      expect(first.status).toBe(200);
      const page1 = (await first.json()) as { items: { id: string; lastName: string; answers?: unknown }[]; nextCursor: string | null };
      expect(page1.items.map((i) => i.lastName)).toEqual(["Pager4", "Pager3"]);
      expect(page1.items[0]).not.toHaveProperty("answers");
      expect(page1.nextCursor).toBeTypeOf("string");
      const second = (await (await listRoute(staffRequest(`/api/v1/leads?q=pager&limit=2&cursor=${page1.nextCursor}`, fixture.admin.headers))).json()) as typeof page1;
      expect(second.items.map((i) => i.lastName)).toEqual(["Pager2", "Pager1"]);
      const third = (await (await listRoute(staffRequest(`/api/v1/leads?q=pager&limit=2&cursor=${second.nextCursor}`, fixture.admin.headers))).json()) as typeof page1;
      expect(third.items.map((i) => i.lastName)).toEqual(["Pager0"]);
      expect(third.nextCursor).toBeNull();

      const flagged = (await (await listRoute(staffRequest("/api/v1/leads?q=pager&flag=DERM_CLEARANCE_REQUIRED&eligibility=clearance_required", fixture.admin.headers))).json()) as typeof page1;
      expect(flagged.items.map((i) => i.lastName)).toEqual(["Pager4", "Pager2", "Pager0"]);

      const byEmail = (await (await listRoute(staffRequest(`/api/v1/leads?q=${encodeURIComponent(`PAGER.3.${base}@example.com`)}`, fixture.admin.headers))).json()) as typeof page1;
      expect(byEmail.items.map((i) => i.lastName)).toEqual(["Pager3"]);
    });

    it("search takes %, _ and \\ literally (they are not LIKE wildcards)", async () => {
      type Page = { items: { id: string; firstName: string; lastName: string; email: string }[] };
      const search = async (q: string) =>
        ((await (await listRoute(staffRequest(`/api/v1/leads?limit=100&q=${encodeURIComponent(q)}`, fixture.admin.headers))).json()) as Page).items;
      const percent = await storeLead(t.db, { contact: { lastName: "Hundred%Sure" } });
      const underscore = await storeLead(t.db, { contact: { lastName: "Snake_Case" } });
      const lookalike = await storeLead(t.db, { contact: { lastName: "SnakeXCase" } });
      const backslash = await storeLead(t.db, { contact: { lastName: "Back\\Slash" } });

      expect((await search("%")).map((i) => i.id)).toEqual([percent]);
      expect((await search("hundred%s")).map((i) => i.id)).toEqual([percent]);
      expect((await search("snake_case")).map((i) => i.id)).toEqual([underscore]);
      const underscores = await search("_");
      expect(underscores.map((i) => i.id)).toContain(underscore);
      expect(underscores.map((i) => i.id)).not.toContain(lookalike);
      for (const item of underscores) expect(`${item.firstName} ${item.lastName} ${item.email}`).toContain("_");
      expect((await search("\\")).map((i) => i.id)).toEqual([backslash]);
      expect((await search("snakexcase")).map((i) => i.id)).toEqual([lookalike]);
    });

    it("pages through inquiries created in the same millisecond exactly once each", async () => {
      const at = new Date(Date.now() - 120_000);
      const twins = [
        await storeLead(t.db, { now: at, contact: { lastName: "Twinsame" } }),
        await storeLead(t.db, { now: at, contact: { lastName: "Twinsame" } }),
        await storeLead(t.db, { now: at, contact: { lastName: "Twinsame" } }),
      ];
      const seen: string[] = [];
      let cursor: string | null = "";
      for (let i = 0; i < 5 && cursor !== null; i++) {
        const res = await listRoute(staffRequest(`/api/v1/leads?q=twinsame&limit=1${cursor ? `&cursor=${cursor}` : ""}`, fixture.admin.headers));
        const page = (await res.json()) as { items: { id: string }[]; nextCursor: string | null };
        seen.push(...page.items.map((item) => item.id));
        cursor = page.nextCursor;
      }
      expect(cursor).toBeNull();
      expect(seen).toEqual([...twins].sort().reverse());
    });

    it("filters by date range (clinic days) and status", async () => {
      const id = await storeLead(t.db, { now: new Date("2025-03-15T20:00:00Z"), contact: { lastName: "Dated" } });
      const inRange = (await (await listRoute(staffRequest("/api/v1/leads?from=2025-03-15&to=2025-03-15&status=new", fixture.admin.headers))).json()) as { items: { id: string }[] };
      expect(inRange.items.map((i) => i.id)).toEqual([id]);
      const outside = (await (await listRoute(staffRequest("/api/v1/leads?from=2025-03-16", fixture.admin.headers))).json()) as { items: { id: string }[] };
      expect(outside.items.map((i) => i.id)).not.toContain(id);
    });

    it.each([
      ["limit=101", "limit"],
      ["limit=0", "limit"],
      ["status=closed", "status"],
      ["flag=NOPE", "flag"],
      ["from=yesterday", "from"],
      ["from=2026-02-01&to=2026-01-01", "to"],
      ["cursor=bm9wZQ", "cursor"],
      ["unknown=1", "unknown"],
    ])("rejects %s with 400", async (query, field) => {
      const res = await listRoute(staffRequest(`/api/v1/leads?${query}`, fixture.admin.headers));
      expect(res.status).toBe(400);
      const body = (await res.json()) as ErrorBody;
      expect(body.error.code).toBe("VALIDATION_FAILED");
      expect(Object.keys(body.error.fields ?? {})).toContain(field);
    });
  });

  describe("detail and workflow", () => {
    it("GET returns the full inquiry with answers, result, notes and events, and audits the view", async () => {
      const id = await storeLead(t.db);
      const res = await getRoute(staffRequest(`/api/v1/leads/${id}`, fixture.front.headers), ctx(id));
      expect(res.status).toBe(200);
      const lead = (await res.json()) as { id: string; answers: unknown; result: { price: { tableVersion: number } }; notes: unknown[]; events: { type: string }[] };
      expect(lead.answers).toMatchObject({ sex: "male" });
      expect(lead.result.price.tableVersion).toBe(1);
      expect(lead.events.map((e) => e.type)).toContain("created");
      const views = await t.db.leadEvent.findMany({ where: { leadId: id, type: "viewed" } });
      expect(views).toHaveLength(1);
      expect(views[0]?.actorId).toBe(fixture.front.id);
    });

    it("404 for an unknown inquiry", async () => {
      const res = await getRoute(staffRequest("/api/v1/leads/nope", fixture.admin.headers), ctx("nope"));
      expect(res.status).toBe(404);
    });

    it("moves through the workflow, requires a reason to close, refuses bad moves, audits every change", async () => {
      const id = await storeLead(t.db);
      const patch = (body: unknown, who = fixture.front) =>
        patchRoute(staffRequest(`/api/v1/leads/${id}`, who.headers, { method: "PATCH", body: JSON.stringify(body) }), ctx(id));

      let res = await patch({ status: "became_patient", version: 1 });
      expect(res.status).toBe(400);
      expect(((await res.json()) as ErrorBody).error.fields).toHaveProperty("status");

      res = await patch({ status: "contacted", version: 1 });
      expect(res.status).toBe(200);
      let lead = (await res.json()) as { status: string; version: number; closedReason: string | null };
      expect(lead).toMatchObject({ status: "contacted", version: 2 });

      res = await patch({ status: "not_proceeding", version: 2 });
      expect(res.status).toBe(400);
      expect(((await res.json()) as ErrorBody).error.fields).toHaveProperty("closedReason");

      res = await patch({ status: "consultation_booked", closedReason: "why", version: 2 });
      expect(res.status).toBe(400);

      res = await patch({ status: "not_proceeding", closedReason: "Chose a transplant instead", version: 2 });
      expect(res.status).toBe(200);
      lead = (await res.json()) as typeof lead;
      expect(lead).toMatchObject({ status: "not_proceeding", closedReason: "Chose a transplant instead", version: 3 });

      res = await patch({ status: "contacted", version: 3 });
      lead = (await res.json()) as typeof lead;
      expect(lead).toMatchObject({ status: "contacted", closedReason: null, version: 4 });

      res = await patch({ assigneeId: fixture.admin.id, version: 4 });
      expect(res.status).toBe(200);
      res = await patch({ assigneeId: "no-such-user", version: 5 });
      expect(res.status).toBe(400);

      const events = await t.db.leadEvent.findMany({ where: { leadId: id }, orderBy: { createdAt: "asc" } });
      const types = events.map((e) => e.type);
      expect(types.filter((x) => x === "status_changed")).toHaveLength(3);
      expect(types).toContain("assigned");
      expect(events.every((e) => e.type === "created" || e.actorId === fixture.front.id)).toBe(true);
    });

    it("a stale version is a 409 and overwrites nothing; a note alone is never lost", async () => {
      const id = await storeLead(t.db);
      const patch = (body: unknown, who: SignedInStaff) =>
        patchRoute(staffRequest(`/api/v1/leads/${id}`, who.headers, { method: "PATCH", body: JSON.stringify(body) }), ctx(id));
      expect((await patch({ status: "contacted", version: 1 }, fixture.admin)).status).toBe(200);
      const stale = await patch({ status: "not_proceeding", closedReason: "No answer", note: "tried twice", version: 1 }, fixture.front);
      expect(stale.status).toBe(409);
      const body = (await stale.json()) as ErrorBody;
      expect(body.error).toMatchObject({ code: "CONFLICT", message: STALE_VERSION_MESSAGE });
      const row = await t.db.lead.findUniqueOrThrow({ where: { id } });
      expect(row).toMatchObject({ status: "contacted", version: 2, closedReason: null });
      expect(await t.db.leadNote.count({ where: { leadId: id } })).toBe(0);

      const noted = await patch({ note: "Left a voicemail", version: 1 }, fixture.front);
      expect(noted.status).toBe(200);
      const notes = await t.db.leadNote.findMany({ where: { leadId: id } });
      expect(notes.map((n) => [n.body, n.authorId])).toEqual([["Left a voicemail", fixture.front.id]]);
      expect(await t.db.leadEvent.count({ where: { leadId: id, type: "note_added", actorId: fixture.front.id } })).toBe(1);
    });

    it("two concurrent changes from the same version: exactly one wins", async () => {
      const id = await storeLead(t.db);
      const send = (body: unknown, who: SignedInStaff) =>
        patchRoute(staffRequest(`/api/v1/leads/${id}`, who.headers, { method: "PATCH", body: JSON.stringify(body) }), ctx(id));
      const results = await Promise.all([
        send({ status: "contacted", version: 1 }, fixture.admin),
        send({ status: "not_proceeding", closedReason: "Too expensive", version: 1 }, fixture.front),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      expect((await t.db.lead.findUniqueOrThrow({ where: { id } })).version).toBe(2);
    });

    it.each([
      [{ status: "contacted", extra: 1 }, "extra"],
      [{}, "_root"],
      [{ note: "" }, "note"],
      [{ version: "1", status: "contacted" }, "version"],
    ])("rejects a bad body %j with 400", async (body, field) => {
      const id = await storeLead(t.db);
      const res = await patchRoute(staffRequest(`/api/v1/leads/${id}`, fixture.admin.headers, { method: "PATCH", body: JSON.stringify(body) }), ctx(id));
      expect(res.status).toBe(400);
      expect(Object.keys(((await res.json()) as ErrorBody).error.fields ?? {})).toContain(field);
    });

    it("rejects malformed JSON with 400 and an oversized body with 413", async () => {
      const bad = await patchRoute(staffRequest(`/api/v1/leads/${fixture.leadId}`, fixture.admin.headers, { method: "PATCH", body: "{nope" }), ctx(fixture.leadId));
      expect(bad.status).toBe(400);
      const big = await patchRoute(
        staffRequest(`/api/v1/leads/${fixture.leadId}`, fixture.admin.headers, { method: "PATCH", body: JSON.stringify({ note: "x".repeat(40_000) }) }),
        ctx(fixture.leadId),
      );
      expect(big.status).toBe(413);
    });
  });
});
