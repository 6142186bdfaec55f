/**
 * Booking over HTTP through the real route handlers (docs/api-v1.md, "Consultations"), on SQLite and
 * PostgreSQL: free slots (public), the patient books / moves / cancels with their link, the server
 * refuses outside notice and window and after the cut-off (the UI bypassed), 409 SLOT_TAKEN with
 * fresh slots, 409 ALREADY_BOOKED, "none of these times suit me"; staff mark attended only after the start.
 */
import { GET as getSlots } from "@/app/api/v1/booking/slots/route";
import { POST as postCallback } from "@/app/api/v1/my/[token]/callback/route";
import { DELETE as deleteMine, PATCH as patchMine, POST as postMine } from "@/app/api/v1/my/[token]/consultation/route";
import { markConsultation } from "@/lib/booking/consultations";
import { DEFAULT_OPENING_HOURS } from "@/lib/clinic/defaults";
import { closeDb } from "@/lib/db/client";
import { listLeads } from "@/lib/leads/staff-inbox";
import { invalidateClinicCache } from "@/lib/clinic/store";
import { PEER_ADDRESS_HEADER } from "@/lib/http/client-ip";
import { createLeadResponseSchema } from "@/lib/leads/lead-responses";
import { resolveAccessToken } from "@/lib/patient-access/tokens";
import { closeRateLimitStore } from "@/lib/leads/rate-limit";
import { buildLeadBody } from "@/tests/support/lead-builders";
import { forEachProvider, type ProviderContext } from "@/tests/support/test-db";

import { nextIp, postLead, useDatabaseUrl } from "../leads/route-helpers";

const BASE = "http://localhost:3000";
const DAY_MS = 86_400_000;

afterAll(async () => {
  await closeRateLimitStore();
  await closeDb();
});

function req(path: string, init: RequestInit = {}): Request {
  const headers = new Headers(init.headers);
  headers.set(PEER_ADDRESS_HEADER, nextIp());
  if (init.body !== undefined) headers.set("content-type", "application/json");
  return new Request(`${BASE}${path}`, { ...init, headers });
}
const ctx = (token: string) => ({ params: Promise.resolve({ token }) });

async function newPatient(): Promise<string> {
  const response = await postLead(buildLeadBody());
  expect(response.status).toBe(201);
  const created = createLeadResponseSchema.parse(await response.json());
  return /\/my\/([0-9a-f]+)$/.exec(created.access.url)![1]!;
}

const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

async function slots(from: string, to: string, type = "in_person") {
  const response = await getSlots(req(`/api/v1/booking/slots?type=${type}&from=${from}&to=${to}`), undefined);
  return { status: response.status, body: (await response.json()) as { timeZone: string; lengthMinutes: number; slots: { start: string; end: string }[]; error?: { code: string } } };
}

const book = (token: string, body: unknown) => postMine(req(`/api/v1/my/${token}/consultation`, { method: "POST", body: JSON.stringify(body) }), ctx(token));
const move = (token: string, body: unknown) => patchMine(req(`/api/v1/my/${token}/consultation`, { method: "PATCH", body: JSON.stringify(body) }), ctx(token));
const cancel = (token: string) => deleteMine(req(`/api/v1/my/${token}/consultation`, { method: "DELETE" }), ctx(token));

forEachProvider("booking over HTTP", (t: ProviderContext) => {
  beforeAll(() => {
    useDatabaseUrl(t.url);
    invalidateClinicCache();
  });

  it("slots are public, in the clinic's zone with its offset, within the window; a range over 62 days or a type that is off is 400", async () => {
    const today = Date.now();
    const { status, body } = await slots(isoDate(today), isoDate(today + 20 * DAY_MS));
    expect(status).toBe(200);
    expect(body.timeZone).toBe("America/Los_Angeles");
    expect(body.lengthMinutes).toBe(30);
    expect(body.slots.length).toBeGreaterThan(0);
    for (const s of body.slots) {
      expect(s.start).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}-0[78]:00$/);
      expect(Date.parse(s.start)).toBeGreaterThanOrEqual(today + 2 * 3_600_000 - 1000);
      expect(Date.parse(s.end) - Date.parse(s.start)).toBe(30 * 60_000);
    }
    expect((await slots(isoDate(today), isoDate(today + 62 * DAY_MS))).status).toBe(400);
    expect((await slots(isoDate(today), isoDate(today + 2 * DAY_MS), "video")).status).toBe(400);
    // In Spanish for a client that asks for it.
    const spanish = await getSlots(
      new Request(`${BASE}/api/v1/booking/slots?type=video&from=${isoDate(today)}&to=${isoDate(today + DAY_MS)}`, { headers: { "accept-language": "es", [PEER_ADDRESS_HEADER]: nextIp() } }),
      undefined,
    );
    expect(((await spanish.json()) as { error: { fields: Record<string, string> } }).error.fields.type).toBe("Este tipo de consulta no se ofrece en este momento.");
    // The patient's booking panel names its language in the query (components/booking/BookingPanel.tsx).
    const named = await getSlots(req(`/api/v1/booking/slots?type=in_person&from=${isoDate(today)}&to=${isoDate(today + 20 * DAY_MS)}&locale=es`), undefined);
    expect(named.status).toBe(200);
    expect(((await named.json()) as { slots: unknown[] }).slots).toEqual(body.slots);
        // Beyond the 60-day window: nothing.
    const far = await slots(isoDate(today + 70 * DAY_MS), isoDate(today + 80 * DAY_MS));
    expect(far.body.slots).toEqual([]);
  });

  it("the patient books, cannot book twice, another patient gets SLOT_TAKEN with fresh slots, moves keep the id, cancel frees the time", async () => {
    const today = Date.now();
    const free = (await slots(isoDate(today + 3 * DAY_MS), isoDate(today + 10 * DAY_MS))).body.slots;
    const [first, second, third] = [free[0]!, free[1]!, free[2]!];
    const token = await newPatient();
    const booked = await book(token, { type: "in_person", start: first.start });
    expect(booked.status).toBe(201);
    const { consultation } = (await booked.json()) as { consultation: { id: string; start: string; status: string; version: number } };
    expect(consultation.status).toBe("booked");
    expect(Date.parse(consultation.start)).toBe(Date.parse(first.start));
    expect(booked.headers.get("cache-control")).toBe("no-store");

    const again = await book(token, { type: "in_person", start: second.start });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe("ALREADY_BOOKED");

    const other = await newPatient();
    const taken = await book(other, { type: "in_person", start: first.start });
    expect(taken.status).toBe(409);
    const takenBody = (await taken.json()) as { error: { code: string; slots: { start: string }[] } };
    expect(takenBody.error.code).toBe("SLOT_TAKEN");
    expect(takenBody.error.slots.length).toBeGreaterThan(0);
    expect(takenBody.error.slots.some((s) => Date.parse(s.start) === Date.parse(first.start))).toBe(false);

    const moved = await move(token, { start: third.start, version: consultation.version });
    expect(moved.status).toBe(200);
    const after = ((await moved.json()) as { consultation: { id: string; version: number } }).consultation;
    expect(after.id).toBe(consultation.id);
    expect(after.version).toBe(consultation.version + 1);
    const stale = await move(token, { start: second.start, version: consultation.version });
    expect(stale.status).toBe(409);

    // The inbox's lead items carry the consultation (after the move) and no call-back wish.
    const clock = { calendar: { timeZone: "America/Los_Angeles", openingHours: DEFAULT_OPENING_HOURS, closedDates: [] }, replyTargetMinutes: 15, now: new Date() };
    const page = await listLeads(t.db, { limit: 100 }, { clock });
    const item = page.items.find((i) => i.consultation?.id === consultation.id);
    expect(item?.consultation).toEqual({ id: consultation.id, type: "in_person", start: new Date(third.start).toISOString(), status: "booked" });
    expect(item?.callbackPreference).toBeNull();

    // The first time is free again: the other patient books it.
    expect((await book(other, { type: "in_person", start: first.start })).status).toBe(201);
    const cancelled = await cancel(token);
    expect(cancelled.status).toBe(200);
    expect(((await cancelled.json()) as { consultation: { status: string } }).consultation.status).toBe("cancelled");
    expect((await cancel(token)).status).toBe(404);

    // Booked right after the result (new -> consultation_booked by the system), cancelled: the inquiry
    // is new again (the inbox and the patient's page no longer say booked), audited as the system; the
    // funnel keeps the stage it reached.
    const leadId = (await resolveAccessToken(t.db, token))!;
    const lead = await t.db.lead.findUniqueOrThrow({ where: { id: leadId }, select: { status: true } });
    expect(lead.status).toBe("new");
    const moves = await t.db.leadEvent.findMany({ where: { leadId: leadId, type: "status_changed" }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { actorId: true, data: true } });
    expect(moves.map((m) => m.data)).toEqual([
      { from: "new", to: "consultation_booked", by: "system" },
      { from: "consultation_booked", to: "new", by: "system", because: "consultation_cancelled" },
    ]);
    expect(moves.every((m) => m.actorId === null)).toBe(true);
    expect(await t.db.leadStage.count({ where: { leadId: leadId, stage: "consultation_booked" } })).toBe(1);
    // The other patient, still booked, stays consultation_booked.
    const otherId = (await resolveAccessToken(t.db, other))!;
    expect((await t.db.lead.findUniqueOrThrow({ where: { id: otherId }, select: { status: true } })).status).toBe("consultation_booked");
  });

  it("outside notice or window, or not a slot: 400 with the UI bypassed; after the cut-off: 409 TOO_LATE_TO_CHANGE naming the clinic's phone", async () => {
    const token = await newPatient();
    const soon = new Date(Date.now() + 30 * 60_000).toISOString();
    const tooSoon = await book(token, { type: "in_person", start: soon });
    expect(tooSoon.status).toBe(400);
    const far = new Date(Date.now() + 90 * DAY_MS).toISOString();
    expect((await book(token, { type: "in_person", start: far })).status).toBe(400);
    const today = Date.now();
    const free = (await slots(isoDate(today + 3 * DAY_MS), isoDate(today + 10 * DAY_MS))).body.slots;
    const offGrid = new Date(Date.parse(free[0]!.start) + 7 * 60_000).toISOString();
    expect((await book(token, { type: "in_person", start: offGrid })).status).toBe(400);

    // A consultation (stored by staff) that starts in an hour: within the default 24 h cut-off.
    const leadId = (await resolveAccessToken(t.db, token, new Date()))!;
    const soonStart = Date.now() + 3_600_000;
    const row = await t.db.consultation.create({
      data: {
        leadId,
        calendarKey: "clinic",
        type: "in_person",
        startsAt: new Date(soonStart),
        endsAt: new Date(soonStart + 1_800_000),
        blockedStart: new Date(soonStart),
        blockedEnd: new Date(soonStart + 1_800_000),
        bookedBy: "staff",
      },
    });
    for (const attempt of [() => cancel(token), () => move(token, { start: free[3]!.start, version: row.version })]) {
      const refused = await attempt();
      expect(refused.status).toBe(409);
      const body = (await refused.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe("TOO_LATE_TO_CHANGE");
      expect(body.error.message).toContain("+17145550100");
    }
    expect((await t.db.consultation.findUniqueOrThrow({ where: { id: row.id } })).status).toBe("booked");
  });

  it("none of these times suit me: the preferred call-back times are stored for the inbox, audited without the words", async () => {
    const token = await newPatient();
    const response = await postCallback(
      req(`/api/v1/my/${token}/callback`, { method: "POST", body: JSON.stringify({ preferredTimes: "Weekday evenings after 6", days: ["fri", "mon"] }) }),
      ctx(token),
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as { callbackPreference: { preferredTimes: string; days: string[] } };
    expect(body.callbackPreference).toMatchObject({ preferredTimes: "Weekday evenings after 6", days: ["mon", "fri"] });
    const tooLong = await postCallback(req(`/api/v1/my/${token}/callback`, { method: "POST", body: JSON.stringify({ preferredTimes: "x".repeat(201) }) }), ctx(token));
    expect(tooLong.status).toBe(400);
    const audit = await t.db.leadEvent.findFirstOrThrow({ where: { type: "callback_requested" } });
    expect(JSON.stringify(audit.data)).not.toContain("evenings");
    const clock = { calendar: { timeZone: "America/Los_Angeles", openingHours: DEFAULT_OPENING_HOURS, closedDates: [] }, replyTargetMinutes: 15, now: new Date() };
    const items = (await listLeads(t.db, { limit: 100 }, { clock })).items;
    expect(items.find((i) => i.id === audit.leadId)?.callbackPreference).toMatchObject({ preferredTimes: "Weekday evenings after 6", days: ["mon", "fri"] });
  });

  it("attended or no-show only once the consultation has started", async () => {
    const token = await newPatient();
    const today = Date.now();
    const free = (await slots(isoDate(today + 3 * DAY_MS), isoDate(today + 12 * DAY_MS))).body.slots;
    const booked = ((await (await book(token, { type: "in_person", start: free[5]!.start })).json()) as { consultation: { id: string; start: string; version: number } }).consultation;
    const actor = { by: "staff", userId: null } as const;
    await expect(markConsultation(t.db, { consultationId: booked.id, version: booked.version, status: "no_show", actor })).rejects.toMatchObject({ reason: "not_started" });
    const later = new Date(Date.parse(booked.start) + 10 * 60_000);
    const marked = await markConsultation(t.db, { consultationId: booked.id, version: booked.version, status: "no_show", actor, now: later });
    expect(marked.status).toBe("no_show");
    expect(await t.db.leadEvent.count({ where: { type: "consultation_no_show" } })).toBe(1);
  });
});
