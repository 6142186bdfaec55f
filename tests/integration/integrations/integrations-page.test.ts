/**
 * The admin's integrations page (/staff/integrations): its loader and server actions in-process with a
 * real session cookie (next/headers replaced by the test user's request headers).
 */
import {
  createApiKeyAction,
  createWebhookEndpointAction,
  deleteWebhookEndpointAction,
  resendWebhookDeliveryAction,
  revokeApiKeyAction,
  setWebhookEndpointEnabledAction,
} from "@/app/staff/integrations/actions";
import { resetEnvCache } from "@/lib/env";
import { IDLE } from "@/lib/workspace/action-state";
import { loadIntegrationsPage } from "@/lib/workspace/integrations-page";
import { as, form, outcome } from "@/tests/support/staff-request";
import { staffFixture } from "@/tests/support/staff-fixture";
import { forEachProvider } from "@/tests/support/test-db";

vi.mock("next/headers", async () => (await import("@/tests/support/staff-request")).nextHeadersMock);
vi.mock("next/cache", async () => (await import("@/tests/support/staff-request")).nextCacheMock);

function multi(values: Record<string, string | string[]>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) for (const v of Array.isArray(value) ? value : [value]) data.append(key, v);
  return data;
}

forEachProvider("integrations page (API keys and webhooks)", (t) => {
  const fixture = staffFixture(t, { lead: false });

  it("only admins: anonymous -> sign-in, front desk -> 403", async () => {
    as(null);
    const anonymous = await outcome(() => loadIntegrationsPage());
    expect(anonymous.kind === "redirect" && anonymous.to.startsWith("/staff/sign-in")).toBe(true);
    as(fixture.front);
    expect(await outcome(() => loadIntegrationsPage())).toEqual({ kind: "forbidden" });
    expect(await outcome(() => createApiKeyAction(IDLE, multi({ name: "x", scopes: "leads:read" })))).toEqual({ kind: "forbidden" });
  });

  it("creates a key (shown once in the state), lists it with its prefix, revokes it", async () => {
    as(fixture.admin);
    const bad = await createApiKeyAction(IDLE, multi({ name: "CRM" }));
    expect(bad.status).toBe("error");
    expect(bad.fields?.scopes).toBeDefined();
    const created = await createApiKeyAction(IDLE, multi({ name: "CRM", scopes: ["leads:read", "reports:read"] }));
    expect(created.status).toBe("ok");
    const key = String(created.data?.key);
    expect(key).toMatch(/^smp_/);
    const page = await loadIntegrationsPage();
    const listed = page.keys.find((k) => k.name === "CRM");
    expect(listed).toMatchObject({ prefix: key.slice(0, 12), scopes: ["leads:read", "reports:read"], revokedAt: null });
    expect(JSON.stringify(page)).not.toContain(key);
    expect((await revokeApiKeyAction(IDLE, form({ id: listed!.id }))).status).toBe("ok");
    expect((await loadIntegrationsPage()).keys.find((k) => k.id === listed!.id)?.revokedAt).not.toBeNull();
  });

  it("adds an endpoint (secret shown once), disables it, resends a delivery, deletes it; refuses loopback by default", async () => {
    as(fixture.admin);
    process.env.WEBHOOK_ALLOW_PRIVATE = "off";
    resetEnvCache();
    const refused = await createWebhookEndpointAction(IDLE, multi({ url: "http://127.0.0.1:9/h", events: ["lead.created"] }));
    expect(refused.status).toBe("error");
    expect(refused.fields?.url).toContain("private");

    const created = await createWebhookEndpointAction(IDLE, multi({ url: "https://hooks.example.com/smp", events: ["lead.created", "lead.erased"] }));
    expect(created.status).toBe("ok");
    expect(String(created.data?.secret)).toMatch(/^whsec_/);
    const [entry] = (await loadIntegrationsPage()).endpoints;
    expect(entry?.endpoint).toMatchObject({ url: "https://hooks.example.com/smp", events: ["lead.created", "lead.erased"], enabled: true });
    expect(JSON.stringify(await loadIntegrationsPage())).not.toContain(String(created.data?.secret));

    const id = entry!.endpoint.id;
    await t.db.webhookDelivery.create({ data: { id: "msg_page_test", endpointId: id, eventType: "lead.erased", payload: { lead: { id: "x" } }, status: "failed", attempts: 8, lastResponseCode: 500 } });
    expect((await resendWebhookDeliveryAction(IDLE, form({ id: "msg_page_test" }))).status).toBe("ok");
    expect((await t.db.webhookDelivery.findUniqueOrThrow({ where: { id: "msg_page_test" } })).status).toBe("pending");
    expect((await resendWebhookDeliveryAction(IDLE, form({ id: "msg_page_test" }))).status).toBe("conflict");

    expect((await setWebhookEndpointEnabledAction(IDLE, form({ id, enabled: "off" }))).status).toBe("ok");
    expect((await loadIntegrationsPage()).endpoints[0]?.endpoint.enabled).toBe(false);
    expect((await deleteWebhookEndpointAction(IDLE, form({ id }))).status).toBe("ok");
    expect((await loadIntegrationsPage()).endpoints).toEqual([]);
    delete process.env.WEBHOOK_ALLOW_PRIVATE;
    resetEnvCache();
  });
});
