import { Webhook } from "standardwebhooks";

import { POST as resendRoute } from "@/app/api/v1/webhook-deliveries/[id]/resend/route";
import { GET as deliveriesRoute } from "@/app/api/v1/webhook-endpoints/[id]/deliveries/route";
import { DELETE as deleteEndpointRoute, PATCH as patchEndpointRoute } from "@/app/api/v1/webhook-endpoints/[id]/route";
import { GET as listEndpointsRoute, POST as createEndpointRoute } from "@/app/api/v1/webhook-endpoints/route";
import { PATCH as patchLeadRoute } from "@/app/api/v1/leads/[id]/route";
import { POST as mergeRoute } from "@/app/api/v1/leads/[id]/merge/route";
import { resetEnvCache } from "@/lib/env";
import { eraseLead } from "@/lib/leads/erase-lead";
import type { NotificationConfig } from "@/lib/notifications/config";
import { deliverDueMessages } from "@/lib/notifications/queue";
import { emitEvent } from "@/lib/webhooks/emit";
import { buildLeadBody } from "@/tests/support/lead-builders";
import { startSinks, type Sinks } from "@/tests/support/mail-sinks";
import { ctx, staffRequest, storeLead } from "@/tests/support/staff-leads";
import { staffFixture } from "@/tests/support/staff-fixture";
import { forEachProvider } from "@/tests/support/test-db";
import { postLead } from "@/tests/integration/leads/route-helpers";

interface ErrorBody {
  error: { code: string; message: string; fields?: Record<string, string> };
}
interface Delivery {
  id: string;
  status: string;
  attempts: number;
  lastResponseCode: number | null;
  lastError: string | null;
  eventType: string;
}

const CONFIG: NotificationConfig = { appUrl: "http://localhost:3000", maxAttempts: 3, baseDelayMs: 1_000, maxDelayMs: 60_000, batchSize: 50, pollIntervalMs: 60_000 };

function allowPrivate(on: boolean): void {
  process.env.WEBHOOK_ALLOW_PRIVATE = on ? "on" : "off";
  resetEnvCache();
}

forEachProvider("webhooks (Standard Webhooks, delivered by the notification queue)", (t) => {
  const fixture = staffFixture(t);
  let sinks: Sinks;

  beforeAll(async () => {
    sinks = await startSinks();
    allowPrivate(true);
  });
  afterAll(async () => {
    delete process.env.WEBHOOK_ALLOW_PRIVATE;
    resetEnvCache();
    await sinks.close();
  });
  beforeEach(async () => {
    sinks.clear();
    allowPrivate(true);
    // Each test adds its own endpoints.
    await t.db.webhookEndpoint.deleteMany({});
    await t.db.outboxMessage.deleteMany({});
  });

  async function addEndpoint(events: string[], url = sinks.webhookUrl): Promise<{ id: string; secret: string }> {
    const res = await createEndpointRoute(staffRequest("/api/v1/webhook-endpoints", fixture.admin.headers, { method: "POST", body: JSON.stringify({ url, events }) }));
    expect(res.status).toBe(201);
    return (await res.json()) as { id: string; secret: string };
  }

  async function deliveries(endpointId: string): Promise<Delivery[]> {
    const res = await deliveriesRoute(staffRequest(`/api/v1/webhook-endpoints/${endpointId}/deliveries`, fixture.admin.headers), ctx(endpointId));
    expect(res.status).toBe(200);
    return ((await res.json()) as { items: Delivery[] }).items;
  }

  /** Runs the queue until nothing more is due at `now` (fan-out, then the deliveries). */
  async function drain(now = new Date()): Promise<void> {
    for (let i = 0; i < 4; i++) {
      const report = await deliverDueMessages(t.db, CONFIG, now);
      if (report.delivered + report.retrying + report.gaveUp === 0) return;
    }
  }

  function verified(secret: string, hook: { headers: Record<string, unknown>; body: string }): { type: string; timestamp: string; data: Record<string, unknown> } {
    const headers = { "webhook-id": String(hook.headers["webhook-id"]), "webhook-timestamp": String(hook.headers["webhook-timestamp"]), "webhook-signature": String(hook.headers["webhook-signature"]) };
    return new Webhook(secret).verify(hook.body, headers) as { type: string; timestamp: string; data: Record<string, unknown> };
  }

  it("an admin adds an endpoint (secret whsec_ shown once, never listed); the front desk cannot", async () => {
    const created = await addEndpoint(["lead.created"]);
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    const list = await listEndpointsRoute(staffRequest("/api/v1/webhook-endpoints", fixture.admin.headers));
    const text = await list.text();
    expect(text).toContain(created.id);
    expect(text).not.toContain(created.secret);
    const front = await createEndpointRoute(staffRequest("/api/v1/webhook-endpoints", fixture.front.headers, { method: "POST", body: JSON.stringify({ url: sinks.webhookUrl, events: ["lead.created"] }) }));
    expect(front.status).toBe(403);
    const bad = await createEndpointRoute(staffRequest("/api/v1/webhook-endpoints", fixture.admin.headers, { method: "POST", body: JSON.stringify({ url: sinks.webhookUrl, events: ["lead.exploded"] }) }));
    expect(bad.status).toBe(400);
  });

  it("lead events from the domain functions are signed per Standard Webhooks and carry ids, statuses and references only", async () => {
    const { id: endpointId, secret } = await addEndpoint(["lead.created", "lead.status_changed", "lead.assigned", "lead.merged", "lead.erased"]);
    // lead.created: from the lead write path (POST /api/v1/leads).
    const body = buildLeadBody();
    const created = await postLead(body);
    expect(created.status).toBe(201);
    const { id: leadId, reference } = (await created.json()) as { id: string; reference: string };
    await drain();
    expect(sinks.hooks).toHaveLength(1);
    const first = verified(secret, sinks.hooks[0]!);
    expect(first.type).toBe("lead.created");
    expect(first.data).toMatchObject({ lead: { id: leadId, reference, status: "new" } });

    // lead.status_changed and lead.assigned: from PATCH /api/v1/leads/{id}.
    sinks.clear();
    const patch = await patchLeadRoute(
      staffRequest(`/api/v1/leads/${leadId}`, fixture.front.headers, { method: "PATCH", body: JSON.stringify({ status: "contacted", assigneeId: fixture.front.id }) }),
      ctx(leadId),
    );
    expect(patch.status).toBe(200);
    await drain();
    const events = sinks.hooks.map((hook) => verified(secret, hook));
    expect(events.map((e) => e.type).sort()).toEqual(["lead.assigned", "lead.status_changed"]);
    expect(events.find((e) => e.type === "lead.status_changed")?.data).toEqual({ lead: { id: leadId, reference, status: "contacted" }, previousStatus: "new", closedReason: null });
    expect(events.find((e) => e.type === "lead.assigned")?.data).toMatchObject({ assigneeId: fixture.front.id, previousAssigneeId: null });

    // lead.merged, then lead.erased (the id alone; its delivery outlives the inquiry).
    sinks.clear();
    const duplicate = await storeLead(t.db);
    const dupVersion = (await t.db.lead.findUniqueOrThrow({ where: { id: duplicate } })).version;
    const merge = await mergeRoute(staffRequest(`/api/v1/leads/${duplicate}/merge`, fixture.front.headers, { method: "POST", body: JSON.stringify({ intoId: leadId, version: dupVersion }) }), ctx(duplicate));
    expect(merge.status).toBeLessThan(300);
    // Sent before the erasure: an erasure deletes the inquiry's deliveries not yet sent, with their data.
    await drain();
    await eraseLead(t.db, fixture.admin.id, leadId);
    await drain();
    const later = sinks.hooks.map((hook) => verified(secret, hook));
    expect(later.map((e) => e.type)).toEqual(expect.arrayContaining(["lead.merged", "lead.erased"]));
    expect(later.find((e) => e.type === "lead.merged")?.data).toMatchObject({ lead: { id: leadId }, mergedLead: { id: duplicate } });
    expect(later.filter((e) => e.type === "lead.erased").map((e) => e.data)).toEqual(
      expect.arrayContaining([{ lead: { id: leadId }, reason: "request" }, { lead: { id: duplicate }, reason: "request" }]),
    );
    // Every body the endpoint ever received: no name, e-mail, phone or answer.
    for (const hook of sinks.hooks) {
      for (const secretValue of [body.contact.firstName, body.contact.lastName, body.contact.email, body.contact.phone]) expect(hook.body).not.toContain(secretValue);
    }
    const log = await deliveries(endpointId);
    expect(log.filter((d) => d.eventType === "lead.erased").every((d) => d.status === "delivered")).toBe(true);
    expect(await t.db.webhookDelivery.count({ where: { leadId } })).toBe(0);
  });

  it("a failing endpoint is retried with backoff, marked failed, and resent by hand with the same webhook-id", async () => {
    const { id: endpointId, secret } = await addEndpoint(["lead.status_changed"]);
    sinks.hookPlan.push(500, 503, 500);
    const { deliveryIds } = await emitEvent(t.db, "lead.status_changed", { lead: { id: "lead-x", reference: "SMP-TEST-01", status: "contacted" } });
    expect(deliveryIds).toHaveLength(1);
    const start = Date.now();
    await drain(new Date(start));
    let [delivery] = await deliveries(endpointId);
    expect(delivery).toMatchObject({ status: "pending", attempts: 1, lastResponseCode: 500 });
    // Not due again before the backoff.
    await drain(new Date(start + 500));
    expect(sinks.hooks).toHaveLength(1);
    await drain(new Date(start + 1_100));
    await drain(new Date(start + 10_000));
    [delivery] = await deliveries(endpointId);
    expect(delivery).toMatchObject({ status: "failed", attempts: 3, lastResponseCode: 500 });
    expect(sinks.hooks).toHaveLength(3);
    expect(new Set(sinks.hooks.map((h) => h.headers["webhook-id"]))).toEqual(new Set([deliveryIds[0]]));

    const resent = await resendRoute(staffRequest(`/api/v1/webhook-deliveries/${deliveryIds[0]}/resend`, fixture.admin.headers, { method: "POST" }), ctx(deliveryIds[0]!));
    expect(resent.status).toBe(202);
    const again = await resendRoute(staffRequest(`/api/v1/webhook-deliveries/${deliveryIds[0]}/resend`, fixture.admin.headers, { method: "POST" }), ctx(deliveryIds[0]!));
    expect(again.status).toBe(409);
    await drain(new Date(Date.now() + 1_000));
    [delivery] = await deliveries(endpointId);
    expect(delivery).toMatchObject({ status: "delivered", attempts: 4, lastResponseCode: 200 });
    const last = sinks.hooks.at(-1)!;
    expect(last.headers["webhook-id"]).toBe(deliveryIds[0]);
    expect(verified(secret, last).type).toBe("lead.status_changed");
  });

  it("a disabled endpoint receives nothing; a deleted one takes its log with it", async () => {
    const { id } = await addEndpoint(["lead.status_changed"]);
    const off = await patchEndpointRoute(staffRequest(`/api/v1/webhook-endpoints/${id}`, fixture.admin.headers, { method: "PATCH", body: JSON.stringify({ enabled: false }) }), ctx(id));
    expect(off.status).toBe(200);
    expect((await emitEvent(t.db, "lead.status_changed", { lead: { id: "x" } })).deliveryIds).toEqual([]);
    const gone = await deleteEndpointRoute(staffRequest(`/api/v1/webhook-endpoints/${id}`, fixture.admin.headers, { method: "DELETE" }), ctx(id));
    expect(gone.status).toBe(204);
    expect((await deliveriesRoute(staffRequest(`/api/v1/webhook-endpoints/${id}/deliveries`, fixture.admin.headers), ctx(id))).status).toBe(404);
  });

  it("refuses loopback, private and link-local endpoints by default", async () => {
    allowPrivate(false);
    const port = new URL(sinks.webhookUrl).port;
    for (const url of [`http://127.0.0.1:${port}/h`, `http://localhost:${port}/h`, "http://[::1]/h", "http://10.1.2.3/h", "http://169.254.169.254/latest/meta-data", "http://[::ffff:127.0.0.1]/h"]) {
      const res = await createEndpointRoute(staffRequest("/api/v1/webhook-endpoints", fixture.admin.headers, { method: "POST", body: JSON.stringify({ url, events: ["lead.created"] }) }));
      expect(res.status, url).toBe(400);
      expect(((await res.json()) as ErrorBody).error.fields?.url, url).toContain("private");
    }
    expect(await t.db.webhookEndpoint.count()).toBe(0);
  });

  it("checks the address actually connected to at each delivery: a name that resolves to loopback is refused", async () => {
    // Added while the operator allowed private addresses; then the rule is back on.
    const port = new URL(sinks.webhookUrl).port;
    const { id: endpointId } = await addEndpoint(["lead.status_changed"], `http://localhost:${port}/hooks/smp`);
    allowPrivate(false);
    await emitEvent(t.db, "lead.status_changed", { lead: { id: "lead-y" } });
    await drain();
    expect(sinks.hooks).toHaveLength(0);
    const [delivery] = await deliveries(endpointId);
    expect(delivery).toMatchObject({ status: "pending", attempts: 1, lastResponseCode: null });
    expect(delivery?.lastError).toMatch(/refused: (127\.0\.0\.1|::1) is a private, loopback or link-local address/);
  });
});

forEachProvider("webhooks: consultation, photo and assessment events", (t) => {
  const fixture = staffFixture(t);
  let sinks: Sinks;
  beforeAll(async () => {
    sinks = await startSinks();
    process.env.WEBHOOK_ALLOW_PRIVATE = "on";
    resetEnvCache();
  });
  afterAll(async () => {
    delete process.env.WEBHOOK_ALLOW_PRIVATE;
    resetEnvCache();
    await sinks.close();
  });

  it("consultationHappened announces consultation.<type> with ids, times and statuses", async () => {
    const created = await createEndpointRoute(
      staffRequest("/api/v1/webhook-endpoints", fixture.admin.headers, { method: "POST", body: JSON.stringify({ url: sinks.webhookUrl, events: ["consultation.booked", "consultation.cancelled"] }) }),
    );
    const { secret } = (await created.json()) as { secret: string };
    const { consultationHappened } = await import("@/lib/booking/events");
    await t.db.$transaction((tx) =>
      consultationHappened(tx, {
        type: "booked",
        consultationId: "consultation-1",
        leadId: fixture.leadId,
        consultationType: "video",
        startsAt: "2026-12-10T17:00:00.000Z",
        endsAt: "2026-12-10T17:30:00.000Z",
        status: "booked",
        icsSequence: 0,
        consultantId: null,
        by: "patient",
        actorId: null,
      }),
    );
    for (let i = 0; i < 3; i++) await deliverDueMessages(t.db, CONFIG);
    expect(sinks.hooks).toHaveLength(1);
    const headers = Object.fromEntries(["webhook-id", "webhook-timestamp", "webhook-signature"].map((h) => [h, String(sinks.hooks[0]!.headers[h])]));
    const event = new Webhook(secret).verify(sinks.hooks[0]!.body, headers) as { type: string; data: unknown };
    expect(event).toMatchObject({
      type: "consultation.booked",
      data: { lead: { id: fixture.leadId }, consultation: { id: "consultation-1", type: "video", status: "booked", start: "2026-12-10T17:00:00.000Z" } },
    });
  });
});
