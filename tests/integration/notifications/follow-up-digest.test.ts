/**
 * The morning list of follow-ups (issue 22 item 4, decision 025) on SQLite and PostgreSQL, delivered
 * to a real local SMTP server, with the server process under several TZ values: one e-mail per staff
 * member per clinic day from 08:00 clinic time on open days, refused a second time by the database,
 * off per person, re-checked right before sending, nothing personal beyond first name and reference.
 */
import { saveNotificationPreferencesAction } from "@/app/staff/account/actions";
import { invalidateClinicCache } from "@/lib/clinic/store";
import { instantAt } from "@/lib/clinic/time";
import type { NotificationConfig } from "@/lib/notifications/config";
import { closeEmailTransports } from "@/lib/notifications/email";
import { followUpDigestKey, queueFollowUpDigests } from "@/lib/notifications/follow-up-digest";
import { FOLLOW_UP_DIGEST } from "@/lib/notifications/kinds/follow-up-digest";
import { notificationPreferencesOf } from "@/lib/notifications/preferences";
import { deliverDueMessages } from "@/lib/notifications/queue";
import { IDLE } from "@/lib/workspace/action-state";
import { startSinks, type Sinks } from "@/tests/support/mail-sinks";
import { onlyPart, parseMime } from "@/tests/support/mime";
import { createSignedInStaff, type SignedInStaff } from "@/tests/support/staff-auth";
import { storeLead } from "@/tests/support/staff-leads";
import { as, form } from "@/tests/support/staff-request";
import { forEachProvider } from "@/tests/support/test-db";

vi.mock("next/headers", async () => (await import("@/tests/support/staff-request")).nextHeadersMock);
vi.mock("next/cache", async () => (await import("@/tests/support/staff-request")).nextCacheMock);

let sinks: Sinks;
beforeAll(async () => {
  sinks = await startSinks();
});
afterAll(async () => {
  closeEmailTransports();
  await sinks.close();
});

const ZONE = "America/Los_Angeles"; // the placeholder profile's zone; Mon-Fri 09:00-17:00
const config = (): NotificationConfig => ({
  appUrl: "https://clinic.example.com",
  email: { smtpUrl: sinks.smtpUrl, from: "estimator@clinic.example.com", to: ["frontdesk@clinic.example.com"] },
  maxAttempts: 3,
  baseDelayMs: 60_000,
  maxDelayMs: 600_000,
  batchSize: 50,
  pollIntervalMs: 50,
  escalationIntervalMs: 0,
});
const savedTz = process.env.TZ;

/** One clinic weekday per server TZ (each its own day: the list goes once per person per day). */
const RUNS = [
  { tz: "UTC", date: "2026-03-04" }, // Wednesday
  { tz: "Asia/Kolkata", date: "2026-03-05" }, // Thursday
  { tz: "America/Los_Angeles", date: "2026-03-09" }, // Monday, the first day of PDT
  { tz: "Pacific/Kiritimati", date: "2026-03-10" }, // Tuesday
];

forEachProvider("morning list of follow-ups", (t) => {
  let ana: SignedInStaff;
  let bea: SignedInStaff;
  let off: SignedInStaff;
  let idle: SignedInStaff;

  beforeAll(async () => {
    process.env.DATABASE_URL = t.url;
    invalidateClinicCache();
    ana = await createSignedInStaff(t.db, "front_desk", "ana");
    bea = await createSignedInStaff(t.db, "admin", "bea");
    off = await createSignedInStaff(t.db, "front_desk", "off");
    idle = await createSignedInStaff(t.db, "front_desk", "idle");
  });
  afterAll(() => {
    process.env.TZ = savedTz;
  });

  const assigned = async (who: SignedInStaff, firstName: string, lastName: string, at: Date) => {
    const id = await storeLead(t.db, { contact: { firstName, lastName, email: `p.${Math.random().toString(36).slice(2)}@example.org`, phone: "+19495550123" } });
    await t.db.lead.update({ where: { id }, data: { assigneeId: who.id, followUpAt: at } });
    return (await t.db.lead.findUniqueOrThrow({ where: { id }, select: { id: true, reference: true } })) as { id: string; reference: string | null };
  };

  it("is off per person on the account page (saved, audited, read back)", async () => {
    as(off);
    const state = await saveNotificationPreferencesAction(IDLE, form({}));
    expect(state.status).toBe("ok");
    expect(await notificationPreferencesOf(t.db, off.id)).toEqual([expect.objectContaining({ kind: FOLLOW_UP_DIGEST, on: false })]);
    expect(await notificationPreferencesOf(t.db, ana.id)).toEqual([expect.objectContaining({ kind: FOLLOW_UP_DIGEST, on: true })]);
    expect(await t.db.leadEvent.findFirst({ where: { actorId: off.id, type: "staff_notifications_changed" } })).toMatchObject({ data: { userId: off.id, kind: FOLLOW_UP_DIGEST, on: false } });
  });

  for (const { tz, date } of RUNS) {
    it(`goes once per person and clinic day from 08:00 clinic time, to a real SMTP server (server TZ=${tz}, ${date})`, async () => {
      process.env.TZ = tz;
      sinks.clear();
      // Earlier runs' follow-ups are done: each run lists its own.
      await t.db.lead.updateMany({ where: { followUpAt: { not: null } }, data: { followUpAt: null } });
      const overdue = await assigned(ana, "Rocío", "Hernández", new Date(instantAt(date, "09:00", ZONE).getTime() - 26 * 3_600_000));
      const today = await assigned(ana, "Jordan", "Nakamura", instantAt(date, "17:30", ZONE));
      await assigned(ana, "Later", "Tomorrow", instantAt(date, "24:00", ZONE));
      const beas = await assigned(bea, "Sam", "Okafor", instantAt(date, "10:15", ZONE));
      await assigned(off, "Quiet", "Person", instantAt(date, "11:00", ZONE));

      const run = (wall: string) => queueFollowUpDigests(t.db, { channels: ["email"], now: instantAt(date, wall, ZONE) });
      expect(await run("07:59")).toEqual({ date: null, queued: 0 });
      expect(await run("08:00")).toEqual({ date, queued: 2 });
      // Every later run that morning adds nothing: the outbox's unique key refuses a second one.
      expect(await run("08:30")).toEqual({ date, queued: 0 });
      expect(await run("12:00")).toEqual({ date: null, queued: 0 });
      const rows = await t.db.outboxMessage.findMany({ where: { kind: FOLLOW_UP_DIGEST, dedupeKey: { endsWith: `:${date}` } } });
      expect(rows.map((r) => r.dedupeKey).sort()).toEqual([followUpDigestKey(ana.id, date), followUpDigestKey(bea.id, date)].sort());
      await expect(
        t.db.outboxMessage.create({ data: { kind: FOLLOW_UP_DIGEST, channel: "email", payload: {}, nextAttemptAt: new Date(), dedupeKey: followUpDigestKey(ana.id, date) } }),
      ).rejects.toThrow();

      const report = await deliverDueMessages(t.db, config(), instantAt(date, "08:01", ZONE));
      expect(report.delivered).toBe(2);
      expect(sinks.mails.map((m) => m.to).flat().sort()).toEqual([ana.email, bea.email].sort());
      const mail = sinks.mails.find((m) => m.to.includes(ana.email));
      const message = parseMime(mail?.raw ?? "");
      const text = onlyPart(message, "text/plain").body;
      const html = onlyPart(message, "text/html").body;
      expect(message.headers.subject).toMatch(/^Your follow-ups today, \w+day, March \d+: 2$/);
      expect(text).toContain(`Jordan (${today.reference})`);
      expect(text).toContain("5:30 PM P");
      expect(text).toContain(`Rocío (${overdue.reference})`);
      expect(text).toContain(`overdue: Rocío (${overdue.reference})\r\n  https://clinic.example.com/staff/leads/${overdue.id}\r\n`);
      // Due at the start of tomorrow: not today's list.
      expect(text).not.toContain("Later");
      expect(text).toMatch(/ - overdue: Rocío/);
      expect(text).toContain(`https://clinic.example.com/staff/leads/${today.id}`);
      expect(html).toContain(`<a href="https://clinic.example.com/staff/leads/${today.id}">`);
      for (const secret of ["Hernández", "Nakamura", "Tomorrow", "example.org", "5550123", "555-0123", "Okafor"]) expect(mail?.raw ?? "").not.toContain(secret);
      expect(sinks.mails.find((m) => m.to.includes(bea.email))?.raw).toContain(`Sam (${beas.reference})`);
      expect(sinks.mails.some((m) => m.to.includes(off.email) || m.to.includes(idle.email))).toBe(false);
    });
  }

  it("is not sent on a day the clinic is closed, and is re-checked right before sending", async () => {
    process.env.TZ = savedTz;
    sinks.clear();
    await t.db.lead.updateMany({ where: { followUpAt: { not: null } }, data: { followUpAt: null } });
    // Saturday: closed.
    await assigned(ana, "Weekend", "Case", instantAt("2026-03-07", "10:00", ZONE));
    expect(await queueFollowUpDigests(t.db, { channels: ["email"], now: instantAt("2026-03-07", "08:30", ZONE) })).toEqual({ date: null, queued: 0 });

    // Queued at 08:00, done by 08:20: nothing left to list, so nothing is sent.
    const done = await assigned(ana, "Done", "Early", instantAt("2026-03-11", "09:00", ZONE));
    expect((await queueFollowUpDigests(t.db, { channels: ["email"], now: instantAt("2026-03-11", "08:00", ZONE) })).queued).toBe(1);
    await t.db.lead.update({ where: { id: done.id }, data: { followUpAt: null } });
    await t.db.lead.updateMany({ where: { assigneeId: ana.id }, data: { followUpAt: null } });
    const report = await deliverDueMessages(t.db, config(), instantAt("2026-03-11", "08:20", ZONE));
    expect(report.delivered).toBe(1);
    expect(sinks.mails).toHaveLength(0);
    const row = await t.db.outboxMessage.findFirstOrThrow({ where: { dedupeKey: followUpDigestKey(ana.id, "2026-03-11") } });
    expect(row.lastError).toBe("not sent: nothing is due any more");
  });
});
