/**
 * The consultation screens' server actions and loaders in-process with real session cookies (the
 * style of clinic-page.test.ts), on both databases: the inquiry page's book / move / cancel / mark
 * (front desk and admin; anonymous -> sign-in), the refusals a form shows (a time taken meanwhile,
 * not started yet, a stale version), the agenda's loader, and the admin's settings, consultants and
 * time off (front desk -> 403, nothing saved).
 */
import { addTimeOffAction, removeTimeOffAction, saveConsultantAction, saveConsultationSettingsAction } from "@/app/staff/consultations/actions";
import { bookConsultationAction, updateConsultationAction } from "@/app/staff/leads/actions";
import { findSlots } from "@/lib/booking/availability";
import { BOOKING_MESSAGES, DEFAULT_CONSULTATION_SETTINGS } from "@/lib/booking/schemas";
import { getConsultationSettings } from "@/lib/booking/settings";
import { getClinicProfile } from "@/lib/clinic/store";
import { addLocalDays, localDateOf } from "@/lib/clinic/time";
import { closeDb, type Db } from "@/lib/db/client";
import { newId } from "@/lib/db/ids";
import { createLead } from "@/lib/leads/create-lead";
import { createLeadSchema } from "@/lib/leads/lead-input";
import { IDLE, type ActionState } from "@/lib/workspace/action-state";
import { loadAgendaPage, loadConsultationsPage } from "@/lib/workspace/page-loaders";
import { buildLeadBody } from "@/tests/support/lead-builders";
import { createSignedInStaff, type SignedInStaff } from "@/tests/support/staff-auth";
import { as, form, outcome } from "@/tests/support/staff-request";
import { forEachProvider } from "@/tests/support/test-db";

vi.mock("next/headers", async () => (await import("@/tests/support/staff-request")).nextHeadersMock);
vi.mock("next/cache", async () => (await import("@/tests/support/staff-request")).nextCacheMock);

async function newLead(db: Db, firstName = "Jordan"): Promise<string> {
  const created = await createLead(db, createLeadSchema.parse(buildLeadBody({ contact: { firstName } })), { ip: "198.51.100.30", channels: [], patientConfirmation: false });
  return created.id;
}

/** The next free in-person times (real clock: the actions book against now). */
async function freeTimes(db: Db, n: number): Promise<string[]> {
  const { timeZone } = await getClinicProfile(db, 0);
  const today = localDateOf(new Date(), timeZone);
  const { slots } = await findSlots(db, { type: "in_person", from: today, to: addLocalDays(today, 10) });
  expect(slots.length).toBeGreaterThanOrEqual(n);
  return slots.slice(0, n).map((s) => s.start.toISOString());
}

function settingsForm(version: number, overrides: Record<string, string> = {}): FormData {
  const d = DEFAULT_CONSULTATION_SETTINGS;
  const values: Record<string, string> = { version: String(version) };
  for (const type of ["in_person", "video", "phone"] as const) {
    if (d.types[type].enabled) values[`types.${type}.enabled`] = "on";
    values[`types.${type}.lengthMinutes`] = String(d.types[type].lengthMinutes);
    values[`types.${type}.bufferBeforeMinutes`] = String(d.types[type].bufferBeforeMinutes);
    values[`types.${type}.bufferAfterMinutes`] = String(d.types[type].bufferAfterMinutes);
  }
  Object.assign(values, {
    minNoticeMinutes: String(d.minNoticeMinutes),
    bookingWindowDays: String(d.bookingWindowDays),
    slotStepMinutes: String(d.slotStepMinutes),
    selfServiceCutoffMinutes: String(d.selfServiceCutoffMinutes),
    reminderLeadMinutes: String(d.reminderLeadMinutes),
  });
  const data = form({ ...values, ...overrides });
  for (const [key, value] of Object.entries(overrides)) if (value === "") data.delete(key);
  return data;
}

forEachProvider("staff consultation screens", (t) => {
  let admin: SignedInStaff;
  let front: SignedInStaff;

  beforeAll(async () => {
    process.env.DATABASE_URL = t.url;
    admin = await createSignedInStaff(t.db, "admin");
    front = await createSignedInStaff(t.db, "front_desk");
  });
  afterAll(async () => {
    await closeDb();
  });

  it("anonymous: every action and the agenda send to sign-in; nothing is booked", async () => {
    as(null);
    const leadId = await newLead(t.db);
    const [start] = await freeTimes(t.db, 1);
    const book = await outcome(() => bookConsultationAction(IDLE, form({ leadId, type: "in_person", start: start! })));
    expect(book.kind === "redirect" && book.to.startsWith("/staff/sign-in?returnTo=")).toBe(true);
    const agenda = await outcome(() => loadAgendaPage({}));
    expect(agenda.kind === "redirect" && agenda.to.startsWith("/staff/sign-in?returnTo=%2Fstaff%2Fagenda")).toBe(true);
    expect(await t.db.consultation.count({ where: { leadId } })).toBe(0);
  });

  it("the front desk books for a phone-in, the same time for another inquiry is refused (one row), moves it (same id), cancels it", async () => {
    as(front);
    const [first, second] = await freeTimes(t.db, 2);
    const leadId = await newLead(t.db, "Sam");
    const booked = (await bookConsultationAction(IDLE, form({ leadId, type: "in_person", start: first! }))) as ActionState;
    expect(booked).toMatchObject({ status: "ok" });
    expect(booked.message).toMatch(/^Consultation booked for /);
    const row = await t.db.consultation.findFirstOrThrow({ where: { leadId } });
    expect(row).toMatchObject({ status: "booked", bookedBy: "staff", bookedById: front.id, version: 1 });
    expect(row.startsAt.toISOString()).toBe(first);
    expect((await t.db.lead.findUniqueOrThrow({ where: { id: leadId } })).status).toBe("consultation_booked");

    const other = await newLead(t.db, "Alex");
    const taken = (await bookConsultationAction(IDLE, form({ leadId: other, type: "in_person", start: first! }))) as ActionState;
    expect(taken.status).toBe("conflict");
    expect(taken.message).toBe("Sorry, that time was just taken. Please choose another time.");
    expect(await t.db.consultation.count({ where: { startsAt: new Date(first!) } })).toBe(1);

    const moved = (await updateConsultationAction(IDLE, form({ consultationId: row.id, leadId, version: "1", start: second! }))) as ActionState;
    expect(moved).toMatchObject({ status: "ok" });
    const after = await t.db.consultation.findUniqueOrThrow({ where: { id: row.id } });
    expect(after.startsAt.toISOString()).toBe(second);
    expect(after.version).toBe(2);
    expect(await t.db.consultation.count({ where: { leadId } })).toBe(1);

    const stale = (await updateConsultationAction(IDLE, form({ consultationId: row.id, leadId, version: "1", status: "cancelled" }))) as ActionState;
    expect(stale.status).toBe("conflict");
    expect((await t.db.consultation.findUniqueOrThrow({ where: { id: row.id } })).status).toBe("booked");

    const notStarted = (await updateConsultationAction(IDLE, form({ consultationId: row.id, leadId, version: "2", status: "no_show" }))) as ActionState;
    expect(notStarted).toMatchObject({ status: "conflict", message: "A consultation can be marked attended or no-show only once it has started." });

    const cancelled = (await updateConsultationAction(IDLE, form({ consultationId: row.id, leadId, version: "2", status: "cancelled" }))) as ActionState;
    expect(cancelled).toMatchObject({ status: "ok", message: "Consultation cancelled." });
    expect((await t.db.consultation.findUniqueOrThrow({ where: { id: row.id } })).status).toBe("cancelled");
  });

  it("a started consultation is marked no-show from the agenda, which lists it on its date with the inquiry's verdict and price", async () => {
    as(front);
    const leadId = await newLead(t.db, "Robin");
    const start = new Date(Date.now() - 60 * 60_000);
    const end = new Date(start.getTime() + 30 * 60_000);
    const id = newId();
    await t.db.consultation.create({
      data: { id, leadId, calendarKey: "clinic", type: "in_person", startsAt: start, endsAt: end, blockedStart: start, blockedEnd: end, bookedBy: "staff" },
    });
    const { timeZone } = await getClinicProfile(t.db, 0);
    const date = localDateOf(start, timeZone);
    const page = await loadAgendaPage({ view: "week", date });
    expect(page.agenda.view).toBe("week");
    expect(page.agenda.dates).toHaveLength(7);
    const entry = page.agenda.byDate[date]!.find((e) => e.id === id)!;
    expect(entry).toMatchObject({ status: "booked", started: true, consultantName: null, lead: { id: leadId, name: expect.stringMatching(/^Robin /) } });
    expect(["eligible", "eligible_with_conditions", "clearance_required", "consult_required"]).toContain(entry.lead.eligibility);
    expect(entry.lead.price.maxUsd).toBeGreaterThanOrEqual(entry.lead.price.minUsd);

    const marked = (await updateConsultationAction(IDLE, form({ consultationId: id, leadId, version: "1", status: "no_show", returnTo: "/staff/agenda" }))) as ActionState;
    expect(marked).toMatchObject({ status: "ok", message: "Marked no-show." });
    expect((await t.db.consultation.findUniqueOrThrow({ where: { id } })).status).toBe("no_show");
    const day = await loadAgendaPage({ view: "day", date, consultant: "clinic" });
    expect(day.agenda.byDate[date]!.find((e) => e.id === id)?.status).toBe("no_show");
  });

  const adminEntries: { name: string; run: () => Promise<unknown> }[] = [
    { name: "consultations page", run: () => loadConsultationsPage() },
    { name: "saveConsultationSettingsAction", run: () => saveConsultationSettingsAction(IDLE, settingsForm(1, { "types.video.enabled": "on" })) },
    { name: "saveConsultantAction", run: () => saveConsultantAction(IDLE, form({ userId: front.id, active: "on", hours: "clinic" })) },
  ];
  for (const entry of adminEntries) {
    it(`${entry.name}: the front desk gets 403 and nothing is saved`, async () => {
      as(front);
      expect(await outcome(entry.run)).toEqual({ kind: "forbidden" });
      expect((await getConsultationSettings(t.db)).version).toBe(1);
      expect(await t.db.consultant.count()).toBe(0);
    });
  }

  it("the admin saves the settings (audited); no type on is refused per field; a stale version is a conflict", async () => {
    as(admin);
    const none = (await saveConsultationSettingsAction(IDLE, settingsForm(1, { "types.in_person.enabled": "" }))) as ActionState;
    expect(none).toMatchObject({ status: "error", fields: { types: BOOKING_MESSAGES.noTypeEnabled } });
    const bad = (await saveConsultationSettingsAction(IDLE, settingsForm(1, { slotStepMinutes: "2" }))) as ActionState;
    expect(bad.fields).toEqual({ slotStepMinutes: BOOKING_MESSAGES.wholeMinutes(5, 240) });
    expect(bad.values).toMatchObject({ slotStepMinutes: "2" });
    expect((await getConsultationSettings(t.db)).version).toBe(1);

    const saved = (await saveConsultationSettingsAction(IDLE, settingsForm(1, { "types.video.enabled": "on", "types.video.lengthMinutes": "20", selfServiceCutoffMinutes: "720" }))) as ActionState;
    expect(saved).toMatchObject({ status: "ok" });
    const settings = await getConsultationSettings(t.db);
    expect(settings).toMatchObject({ version: 2, selfServiceCutoffMinutes: 720, types: { video: { enabled: true, lengthMinutes: 20 }, in_person: { enabled: true } } });
    expect(await t.db.leadEvent.count({ where: { type: "consultation_settings_updated", actorId: admin.id } })).toBe(1);

    const stale = (await saveConsultationSettingsAction(IDLE, settingsForm(1))) as ActionState;
    expect(stale.status).toBe("conflict");
    expect((await getConsultationSettings(t.db)).version).toBe(2);
  });

  it("the admin marks a consultant with their own hours, back to the clinic's, adds and removes time off (clinic wall clock)", async () => {
    as(admin);
    const hours: Record<string, string> = { userId: front.id, active: "on", hours: "own" };
    for (const day of ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]) {
      hours[`weeklyHours.${day}.state`] = day === "sat" || day === "sun" ? "closed" : "open";
      hours[`weeklyHours.${day}.open`] = "10:00";
      hours[`weeklyHours.${day}.close`] = "14:00";
    }
    expect(await saveConsultantAction(IDLE, form(hours))).toMatchObject({ status: "ok", message: "Saved: takes consultations." });
    const consultant = await t.db.consultant.findUniqueOrThrow({ where: { userId: front.id } });
    expect(consultant.active).toBe(true);
    expect(consultant.weeklyHours).toMatchObject({ mon: { open: "10:00", close: "14:00" }, sat: null });

    expect(await saveConsultantAction(IDLE, form({ userId: front.id, active: "on", hours: "clinic" }))).toMatchObject({ status: "ok" });
    expect((await t.db.consultant.findUniqueOrThrow({ where: { userId: front.id } })).weeklyHours).toBeNull();

    const { timeZone } = await getClinicProfile(t.db, 0);
    const backwards = (await addTimeOffAction(IDLE, form({ consultantId: consultant.id, timeZone, startDate: "2027-03-10", startTime: "", endDate: "2027-03-09", endTime: "" }))) as ActionState;
    expect(backwards).toMatchObject({ status: "error", fields: { endsAt: BOOKING_MESSAGES.timeOffBackwards } });
    const added = (await addTimeOffAction(IDLE, form({ consultantId: consultant.id, timeZone, startDate: "2027-03-08", startTime: "", endDate: "2027-03-09", endTime: "", note: "Training" }))) as ActionState;
    expect(added).toMatchObject({ status: "ok" });
    const off = await t.db.consultantTimeOff.findFirstOrThrow({ where: { consultantId: consultant.id } });
    // Los Angeles, before 2027's spring-forward (March 14): from 2027-03-08 00:00 PST (08:00Z) to the end of 2027-03-09 (03-10 00:00 PST).
    expect(timeZone).toBe("America/Los_Angeles");
    expect(off.startsAt.toISOString()).toBe("2027-03-08T08:00:00.000Z");
    expect(off.endsAt.toISOString()).toBe("2027-03-10T08:00:00.000Z");
    expect(off.note).toBe("Training");

    const page = await loadConsultationsPage();
    const row = page.consultants.find((c) => c.userId === front.id)!;
    expect(row).toMatchObject({ active: true, weeklyHours: null, consultantId: consultant.id });
    expect(row.timeOff.map((t) => t.id)).toEqual([off.id]);

    expect(await removeTimeOffAction(IDLE, form({ timeOffId: off.id }))).toMatchObject({ status: "ok" });
    expect(await t.db.consultantTimeOff.count({ where: { consultantId: consultant.id } })).toBe(0);
    expect(await t.db.leadEvent.count({ where: { type: "consultant_updated", actorId: admin.id } })).toBe(4);
  });
});
