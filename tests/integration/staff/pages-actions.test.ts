/**
 * The staff pages' loaders and the server actions, in-process with a real session cookie:
 * next/headers is replaced by the request headers of the test's user (as Next.js would supply them),
 * next/cache's revalidatePath by a no-op. redirect()/notFound()/forbidden() throw Next's control-flow
 * errors, which `outcome` reads back.
 */
import { updateLeadAction } from "@/app/staff/leads/actions";
import { publishPriceTableAction } from "@/app/staff/prices/actions";
import { signInAction } from "@/app/staff/sign-in/actions";
import { createStaffUserAction, setStaffRoleAction } from "@/app/staff/users/actions";
import { STALE_VERSION_MESSAGE } from "@/lib/leads/lead-workflow";
import { getActivePriceTableVersion } from "@/lib/pricing/price-table-store";
import { CONTROL_CHARACTER_MESSAGE } from "@/lib/validation/text";
import { IDLE, type ActionState } from "@/lib/workspace/action-state";
import { loadEmbedPage, loadInboxPage, loadLeadPage, loadPricesPage, loadUsersPage } from "@/lib/workspace/page-loaders";
import { TEST_PASSWORD } from "@/tests/support/staff-auth";
import { storeLead } from "@/tests/support/staff-leads";
import { staffFixture } from "@/tests/support/staff-fixture";
import { as, form, outcome, request } from "@/tests/support/staff-request";
import { forEachProvider } from "@/tests/support/test-db";
import { PEER_ADDRESS_HEADER } from "@/lib/http/client-ip";

vi.mock("next/headers", async () => (await import("@/tests/support/staff-request")).nextHeadersMock);
vi.mock("next/cache", async () => (await import("@/tests/support/staff-request")).nextCacheMock);

forEachProvider("staff pages and actions", (t) => {
  const fixture = staffFixture(t);

  describe("authorisation matrix", () => {
    const currentPrices = async () => {
      const active = await getActivePriceTableVersion(t.db);
      const values: Record<string, string> = {};
      for (const [key, row] of Object.entries(active.table.rows)) {
        values[`${key}.minUsd`] = String(row.minUsd);
        values[`${key}.maxUsd`] = String(row.maxUsd);
        values[`${key}.label`] = row.label;
        values[`${key}.labelEs`] = row.labelEs;
      }
      return form(values);
    };
    const entries: { name: string; minRole: "front_desk" | "admin"; run: () => Promise<unknown> }[] = [
      { name: "inbox page", minRole: "front_desk", run: () => loadInboxPage({}) },
      { name: "lead page", minRole: "front_desk", run: () => loadLeadPage(fixture.leadId) },
      { name: "prices page", minRole: "admin", run: () => loadPricesPage() },
      { name: "users page", minRole: "admin", run: () => loadUsersPage() },
      { name: "embed page", minRole: "admin", run: () => loadEmbedPage() },
      { name: "updateLeadAction", minRole: "front_desk", run: () => updateLeadAction(IDLE, form({ leadId: fixture.leadId, note: "matrix" })) },
      { name: "publishPriceTableAction", minRole: "admin", run: async () => publishPriceTableAction(IDLE, await currentPrices()) },
      {
        name: "createStaffUserAction",
        minRole: "admin",
        run: () => createStaffUserAction(IDLE, form({ email: `m${Math.random().toString(36).slice(2, 8)}@test.clinic`, password: TEST_PASSWORD, role: "front_desk" })),
      },
      { name: "setStaffRoleAction", minRole: "admin", run: () => setStaffRoleAction(IDLE, form({ userId: fixture.front.id, role: "front_desk" })) },
    ];

    for (const entry of entries) {
      it(`${entry.name}: anonymous -> sign-in`, async () => {
        as(null);
        const result = await outcome(entry.run);
        expect(result.kind).toBe("redirect");
        expect(result.kind === "redirect" && result.to.startsWith("/staff/sign-in")).toBe(true);
      });
      it(`${entry.name}: front desk -> ${entry.minRole === "admin" ? "403 (forbidden())" : "allowed"}`, async () => {
        as(fixture.front);
        const result = await outcome(entry.run);
        if (entry.minRole === "admin") expect(result).toEqual({ kind: "forbidden" });
        else expect(result.kind).toBe("ok");
      });
      it(`${entry.name}: admin -> allowed`, async () => {
        as(fixture.admin);
        const result = await outcome(entry.run);
        expect(result.kind).toBe("ok");
        if (result.kind === "ok" && typeof result.value === "object" && result.value !== null && "status" in result.value) {
          expect((result.value as ActionState).status).toBe("ok");
        }
      });
    }

    it("the sign-in redirect remembers where the user was going", async () => {
      as(null);
      expect(await outcome(() => loadLeadPage(fixture.leadId))).toEqual({ kind: "redirect", to: `/staff/sign-in?returnTo=${encodeURIComponent(`/staff/leads/${fixture.leadId}`)}` });
    });
  });

  describe("pages", () => {
    it("the lead page audits the view; an unknown id is a 404", async () => {
      as(fixture.front);
      const before = await t.db.leadEvent.count({ where: { leadId: fixture.leadId, type: "viewed", actorId: fixture.front.id } });
      const result = await outcome(() => loadLeadPage(fixture.leadId));
      expect(result.kind).toBe("ok");
      expect(await t.db.leadEvent.count({ where: { leadId: fixture.leadId, type: "viewed", actorId: fixture.front.id } })).toBe(before + 1);
      expect(await outcome(() => loadLeadPage("does-not-exist"))).toEqual({ kind: "not_found" });
    });

    it("the inbox defaults to who to call first (new, eligible first) and switches to a list with filters", async () => {
      as(fixture.front);
      const eligible = await storeLead(t.db, { contact: { lastName: "Callfirst" } });
      const blocked = await storeLead(t.db, { contact: { lastName: "Blocked" }, answers: { skinConditions: ["psoriasis"] } });
      const first = await loadInboxPage({});
      expect(first.view).toBe("call_first");
      expect(first.callFirst?.map((g) => g.eligibility)).toEqual(["eligible", "eligible_with_conditions", "consult_required", "clearance_required"]);
      expect(first.callFirst?.[0]?.items.map((i) => i.id)).toContain(eligible);
      expect(first.callFirst?.[3]?.items.map((i) => i.id)).toContain(blocked);
      expect(first.counts.new).toBeGreaterThanOrEqual(2);

      const filtered = await loadInboxPage({ q: "blocked", flag: "DERM_CLEARANCE_REQUIRED" });
      expect(filtered.view).toBe("all");
      expect(filtered.page?.items.map((i) => i.id)).toEqual([blocked]);

      const bad = await loadInboxPage({ status: "nonsense", from: "yesterday" });
      expect(Object.keys(bad.errors)).toEqual(expect.arrayContaining(["status", "from"]));
    });
  });

  describe("actions", () => {
    it("status change, reason required, stale version refused with a clear message, note added", async () => {
      as(fixture.front);
      const id = await storeLead(t.db);
      expect(await updateLeadAction(IDLE, form({ leadId: id, version: "1", status: "contacted" }))).toMatchObject({ status: "ok" });
      const noReason = await updateLeadAction(IDLE, form({ leadId: id, version: "2", status: "not_proceeding", closedReason: "  " }));
      expect(noReason.status).toBe("error");
      expect(noReason.fields).toHaveProperty("closedReason");
      const stale = await updateLeadAction(IDLE, form({ leadId: id, version: "1", status: "consultation_booked" }));
      expect(stale).toMatchObject({ status: "conflict", message: STALE_VERSION_MESSAGE });
      expect((await t.db.lead.findUniqueOrThrow({ where: { id } })).status).toBe("contacted");
      expect(await updateLeadAction(IDLE, form({ leadId: id, version: "1", note: "Booked for Tuesday" }))).toMatchObject({ status: "ok" });
      expect(await t.db.leadNote.count({ where: { leadId: id, authorId: fixture.front.id } })).toBe(1);
    });

    it("a control character in a form is a field error that keeps what was typed; nothing is saved", async () => {
      as(fixture.front);
      const id = await storeLead(t.db);
      const result = await updateLeadAction(IDLE, form({ leadId: id, version: "1", note: "called\u0000back" }));
      expect(result.status).toBe("error");
      expect(result.fields?.note).toBe(CONTROL_CHARACTER_MESSAGE);
      expect(result.values?.note).toBe("called\u0000back");
      expect(await t.db.leadNote.count({ where: { leadId: id } })).toBe(0);
    });

    it("publishing prices validates with the shared schema; saved leads keep their version", async () => {
      as(fixture.admin);
      const id = await storeLead(t.db);
      const before = (await t.db.lead.findUniqueOrThrow({ where: { id } })).priceTableVersion;
      const active = await getActivePriceTableVersion(t.db);
      const values: Record<string, string> = {};
      for (const [key, row] of Object.entries(active.table.rows)) {
        values[`${key}.minUsd`] = String(row.minUsd);
        values[`${key}.maxUsd`] = String(row.maxUsd);
        values[`${key}.label`] = row.label;
        values[`${key}.labelEs`] = row.labelEs;
      }
      const invalid = await publishPriceTableAction(IDLE, form({ ...values, "scar_only.minUsd": "3000", "scar_only.maxUsd": "100" }));
      expect(invalid.status).toBe("error");
      expect(invalid.fields).toHaveProperty("scar_only.maxUsd");
      expect((await getActivePriceTableVersion(t.db)).version).toBe(active.version);

      const ok = await publishPriceTableAction(IDLE, form({ ...values, "standard_nw6.minUsd": "5800", "standard_nw6.maxUsd": "5800", note: "2027 prices" }));
      expect(ok.status).toBe("ok");
      expect((await getActivePriceTableVersion(t.db)).version).toBe(active.version + 1);
      expect((await t.db.lead.findUniqueOrThrow({ where: { id } })).priceTableVersion).toBe(before);
    });

    it("creating staff accounts reports bad input and duplicates; role changes are recorded", async () => {
      as(fixture.admin);
      const weak = await createStaffUserAction(IDLE, form({ email: "weak@test.clinic", password: "short", role: "front_desk" }));
      expect(weak.status).toBe("error");
      expect(weak.fields).toHaveProperty("password");
      expect(await createStaffUserAction(IDLE, form({ email: "new.desk@test.clinic", password: TEST_PASSWORD, role: "front_desk", name: "New Desk" }))).toMatchObject({ status: "ok" });
      const dup = await createStaffUserAction(IDLE, form({ email: "new.desk@test.clinic", password: TEST_PASSWORD, role: "admin" }));
      expect(dup.status).toBe("error");
      expect(dup.fields).toHaveProperty("email");
      const created = await t.db.user.findUniqueOrThrow({ where: { email: "new.desk@test.clinic" } });
      expect(await setStaffRoleAction(IDLE, form({ userId: created.id, role: "admin" }))).toMatchObject({ status: "ok" });
      expect(await t.db.leadEvent.count({ where: { type: "staff_role_changed", actorId: fixture.admin.id } })).toBeGreaterThanOrEqual(1);
      expect(await t.db.leadEvent.count({ where: { type: "staff_created", actorId: fixture.admin.id } })).toBeGreaterThanOrEqual(1);
    });

    it("sign-in: wrong password is an announced error; success sets the session cookie and redirects inside /staff only", async () => {
      request.headers = new Headers({ [PEER_ADDRESS_HEADER]: "198.51.100.77" });
      request.setCookies.clear();
      const wrong = await signInAction(IDLE, form({ email: fixture.admin.email, password: "not the password" }));
      expect(wrong).toMatchObject({ status: "error", message: "The email or password is not right. Please try again." });
      const empty = await signInAction(IDLE, form({ email: "", password: "" }));
      expect(empty.fields).toEqual({ email: expect.any(String), password: expect.any(String) });
      const ok = await outcome(() => signInAction(IDLE, form({ email: fixture.admin.email, password: TEST_PASSWORD, returnTo: "https://evil.example/" })));
      expect(ok).toEqual({ kind: "redirect", to: "/staff" });
      expect([...request.setCookies.keys()].some((name) => name.includes("session_token"))).toBe(true);
    });
  });
});
