import { DELETE as revokeRoute } from "@/app/api/v1/api-keys/[id]/route";
import { GET as listKeysRoute, POST as createKeyRoute } from "@/app/api/v1/api-keys/route";
import { GET as getRoute, PATCH as patchRoute } from "@/app/api/v1/leads/[id]/route";
import { GET as listRoute } from "@/app/api/v1/leads/route";
import { GET as summaryRoute } from "@/app/api/v1/reports/summary/route";
import { GET as auditExportRoute } from "@/app/api/v1/audit/export.csv/route";
import { listAuditLog } from "@/lib/audit/audit-log";
import { resetEnvCache } from "@/lib/env";
import { closeRateLimitStore } from "@/lib/leads/rate-limit";
import { parseCsv } from "@/tests/support/csv";
import { ctx, staffRequest } from "@/tests/support/staff-leads";
import { staffFixture } from "@/tests/support/staff-fixture";
import { forEachProvider } from "@/tests/support/test-db";

interface ErrorBody {
  error: { code: string; message: string };
}

const bearer = (key: string) => new Headers({ authorization: `Bearer ${key}` });

forEachProvider("API keys", (t) => {
  const fixture = staffFixture(t);

  async function createKey(name: string, scopes: string[]): Promise<{ id: string; key: string }> {
    const res = await createKeyRoute(staffRequest("/api/v1/api-keys", fixture.admin.headers, { method: "POST", body: JSON.stringify({ name, scopes }) }));
    expect(res.status).toBe(201);
    return (await res.json()) as { id: string; key: string };
  }

  it("an admin creates a key, shown once with the smp_ prefix; the list has no secret and only its hash is stored", async () => {
    const { id, key } = await createKey("CRM sync", ["leads:read"]);
    expect(key).toMatch(/^smp_[A-Za-z0-9_-]{43}$/);
    const list = (await (await listKeysRoute(staffRequest("/api/v1/api-keys", fixture.admin.headers))).json()) as { items: Record<string, unknown>[] };
    const item = list.items.find((k) => k.id === id);
    expect(item).toMatchObject({ name: "CRM sync", scopes: ["leads:read"], prefix: key.slice(0, 12), lastUsedAt: null, revokedAt: null });
    expect(JSON.stringify(list)).not.toContain(key);
    const row = await t.db.apiKey.findUniqueOrThrow({ where: { id } });
    expect(JSON.stringify(row)).not.toContain(key.slice(12));
  });

  it("the front desk cannot manage keys, and a key cannot manage keys", async () => {
    const front = await createKeyRoute(staffRequest("/api/v1/api-keys", fixture.front.headers, { method: "POST", body: JSON.stringify({ name: "x", scopes: ["leads:read"] }) }));
    expect(front.status).toBe(403);
    const { key } = await createKey("all scopes", ["leads:read", "leads:write", "consultations:read", "reports:read"]);
    const byKey = await listKeysRoute(staffRequest("/api/v1/api-keys", bearer(key)));
    expect(byKey.status).toBe(403);
    expect(((await byKey.json()) as ErrorBody).error.code).toBe("FORBIDDEN");
  });

  it("a key works within its scopes: 200 in scope, 403 for a missing scope, 401 for a wrong key; sessions keep working", async () => {
    const { key } = await createKey("reader", ["leads:read"]);
    const list = await listRoute(staffRequest("/api/v1/leads", bearer(key)));
    expect(list.status).toBe(200);
    const one = await getRoute(staffRequest(`/api/v1/leads/${fixture.leadId}`, bearer(key)), ctx(fixture.leadId));
    expect(one.status).toBe(200);

    const patch = await patchRoute(staffRequest(`/api/v1/leads/${fixture.leadId}`, bearer(key), { method: "PATCH", body: JSON.stringify({ note: "from a key" }) }), ctx(fixture.leadId));
    expect(patch.status).toBe(403);
    expect(((await patch.json()) as ErrorBody).error.message).toContain("leads:write");
    const summary = await summaryRoute(staffRequest("/api/v1/reports/summary", bearer(key)));
    expect(summary.status).toBe(403);
    // A route without a scope (the audit export) is closed to every key.
    expect((await auditExportRoute(staffRequest("/api/v1/audit/export.csv", bearer(key)))).status).toBe(403);

    for (const wrong of [`${key}x`, "smp_not-a-key", "sk_live_something", ""]) {
      const res = await listRoute(staffRequest("/api/v1/leads", new Headers({ authorization: `Bearer ${wrong}` })));
      expect(res.status).toBe(401);
      expect(((await res.json()) as ErrorBody).error.code).toBe("UNAUTHENTICATED");
    }
    expect((await listRoute(staffRequest("/api/v1/leads", fixture.front.headers))).status).toBe(200);
  });

  it("a revoked key is 401 at once; lastUsedAt shows the last use", async () => {
    const { id, key } = await createKey("to revoke", ["leads:read"]);
    expect((await listRoute(staffRequest("/api/v1/leads", bearer(key)))).status).toBe(200);
    const used = await t.db.apiKey.findUniqueOrThrow({ where: { id } });
    expect(used.lastUsedAt).not.toBeNull();

    const revoke = await revokeRoute(staffRequest(`/api/v1/api-keys/${id}`, fixture.admin.headers, { method: "DELETE" }), ctx(id));
    expect(revoke.status).toBe(204);
    const after = await listRoute(staffRequest("/api/v1/leads", bearer(key)));
    expect(after.status).toBe(401);
    expect(((await after.json()) as ErrorBody).error.message).toBe("This API key is not valid or was revoked.");
    const notFound = await revokeRoute(staffRequest("/api/v1/api-keys/nope", fixture.admin.headers, { method: "DELETE" }), ctx("nope"));
    expect(notFound.status).toBe(404);
  });

  it("every call is audited as the key: one api_call row per call, and the domain's rows carry the key's id", async () => {
    const { id, key } = await createKey("writer", ["leads:read", "leads:write"]);
    await getRoute(staffRequest(`/api/v1/leads/${fixture.leadId}`, bearer(key)), ctx(fixture.leadId));
    const patch = await patchRoute(staffRequest(`/api/v1/leads/${fixture.leadId}`, bearer(key), { method: "PATCH", body: JSON.stringify({ status: "contacted" }) }), ctx(fixture.leadId));
    expect(patch.status).toBe(200);

    const rows = await t.db.leadEvent.findMany({ where: { apiKeyId: id }, orderBy: { createdAt: "asc" }, select: { type: true, actorId: true, leadId: true, data: true } });
    const types = rows.map((r) => r.type);
    expect(types.filter((type) => type === "api_call")).toHaveLength(2);
    expect(types).toContain("viewed");
    expect(types).toContain("status_changed");
    for (const row of rows) expect(row.actorId).toBe(fixture.admin.id);
    expect(rows.filter((r) => r.type === "api_call").map((r) => r.data)).toEqual([
      { operation: "leads.get", method: "GET", status: 200 },
      { operation: "leads.patch", method: "PATCH", status: 200 },
    ]);
    // A session's rows name no key.
    await getRoute(staffRequest(`/api/v1/leads/${fixture.leadId}`, fixture.front.headers), ctx(fixture.leadId));
    const sessionView = await t.db.leadEvent.findFirstOrThrow({ where: { type: "viewed", actorId: fixture.front.id }, orderBy: { createdAt: "desc" } });
    expect(sessionView.apiKeyId).toBeNull();

    // The admin's audit log and its CSV name the key beside the admin who issued it; a session's entry names none.
    const log = await listAuditLog(t.db, {});
    const byKey = log.entries.filter((entry) => entry.apiKey?.id === id);
    expect(byKey.map((entry) => entry.action).sort()).toEqual(["api_call", "api_call", "status_changed", "viewed"]);
    for (const entry of byKey) expect(entry).toMatchObject({ apiKey: { id, name: "writer" }, actor: { id: fixture.admin.id } });
    expect(log.entries.find((entry) => entry.action === "viewed" && entry.actor?.id === fixture.front.id)?.apiKey).toBeNull();
    const csv = await auditExportRoute(staffRequest("/api/v1/audit/export.csv", fixture.admin.headers));
    const table = parseCsv((await csv.text()).replace(/^\uFEFF/, ""));
    const header = table[0] ?? [];
    const keyRows = table.slice(1).filter((row) => row[header.indexOf("api_key_id")] === id);
    expect(keyRows).toHaveLength(4);
    for (const row of keyRows) expect(row[header.indexOf("api_key_name")]).toBe("writer");
  });

  it("a key has its own rate limit (API_KEY_RATE_LIMIT_PER_MINUTE), whatever the address", async () => {
    process.env.API_KEY_RATE_LIMIT_PER_MINUTE = "3";
    resetEnvCache();
    await closeRateLimitStore();
    try {
      const { key } = await createKey("limited", ["leads:read"]);
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await listRoute(staffRequest("/api/v1/leads", bearer(key)))).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const other = await createKey("other", ["leads:read"]);
      expect((await listRoute(staffRequest("/api/v1/leads", bearer(other.key)))).status).toBe(200);
    } finally {
      delete process.env.API_KEY_RATE_LIMIT_PER_MINUTE;
      resetEnvCache();
      await closeRateLimitStore();
    }
  });

  it("refuses a key without a name or scopes, or with an unknown scope", async () => {
    for (const body of [{ name: "", scopes: ["leads:read"] }, { name: "x", scopes: [] }, { name: "x", scopes: ["leads:delete"] }, { name: "x" }]) {
      const res = await createKeyRoute(staffRequest("/api/v1/api-keys", fixture.admin.headers, { method: "POST", body: JSON.stringify(body) }));
      expect(res.status).toBe(400);
    }
  });
});
