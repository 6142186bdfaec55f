/**
 * Follow-ups with a time, on both databases (issue 22 item 4, decision 025): the inquiry page's form
 * (quick choice, date + time in the clinic's zone, the past-time refusal and its confirmation), the
 * API's date-only follow-up, "became a patient" logged as "follow-up cleared", and the upgrade of
 * follow-ups stored as a date only.
 */
import { PATCH as patchRoute } from "@/app/api/v1/leads/[id]/route";
import { setFollowUpAction, updateLeadAction } from "@/app/staff/leads/actions";
import { getClinicProfile, invalidateClinicCache, updateClinicProfile } from "@/lib/clinic/store";
import { clinicMidnight, instantAt } from "@/lib/clinic/time";
import { upgradeDateOnlyFollowUps } from "@/lib/leads/follow-up-upgrade";
import { IDLE } from "@/lib/workspace/action-state";
import { staffFixture } from "@/tests/support/staff-fixture";
import { ctx, staffRequest, storeLead } from "@/tests/support/staff-leads";
import { as, form } from "@/tests/support/staff-request";
import { forEachProvider } from "@/tests/support/test-db";

vi.mock("next/headers", async () => (await import("@/tests/support/staff-request")).nextHeadersMock);
vi.mock("next/cache", async () => (await import("@/tests/support/staff-request")).nextCacheMock);

const ZONE = "Europe/Madrid";

forEachProvider("follow-ups with a time", (t) => {
  const fixture = staffFixture(t, { lead: false });

  beforeAll(async () => {
    const profile = await getClinicProfile(t.db, 0);
    const { version, updatedAt: _u, updatedById: _b, isPlaceholder: _p, ...fields } = profile;
    await updateClinicProfile(
      t.db,
      { ...fields, timeZone: ZONE, openingHours: { ...fields.openingHours, mon: { open: "08:30", close: "15:00" }, sat: null, sun: null }, closedDates: [] },
      fixture.admin.id,
      version,
    );
    invalidateClinicCache();
  });

  const lead = async () => {
    const id = await storeLead(t.db, { contact: { email: `fu.${Math.random().toString(36).slice(2)}@example.com` } });
    return { id, version: async () => (await t.db.lead.findUniqueOrThrow({ where: { id } })).version };
  };

  it("the form saves a date and time read in the clinic's zone, and says when in the clinic's words", async () => {
    const { id, version } = await lead();
    as(fixture.front);
    const state = await setFollowUpAction(IDLE, form({ leadId: id, version: String(await version()), choice: "date", date: "2030-03-04", time: "17:30", note: "After work" }));
    expect(state.status).toBe("ok");
    expect(state.message).toBe("Follow-up saved for Mon, Mar 4, 2030, 5:30 PM GMT+1.");
    const row = await t.db.lead.findUniqueOrThrow({ where: { id } });
    expect(row.followUpAt?.toISOString()).toBe("2030-03-04T16:30:00.000Z");
    expect(row.followUpNote).toBe("After work");
    const event = await t.db.leadEvent.findFirstOrThrow({ where: { leadId: id, type: "follow_up_set" } });
    expect(event.data).toEqual({ at: "2030-03-04T16:30:00.000Z", from: null });
  });

  it("a past date and time is refused, nothing written, until the staff member confirms it", async () => {
    const { id, version } = await lead();
    as(fixture.front);
    const v = String(await version());
    const refused = await setFollowUpAction(IDLE, form({ leadId: id, version: v, choice: "date", date: "2020-01-06", time: "10:00" }));
    expect(refused.status).toBe("error");
    expect(refused.fields?.confirmPast).toMatch(/already passed/);
    expect(refused.values).toMatchObject({ date: "2020-01-06", time: "10:00" });
    expect((await t.db.lead.findUniqueOrThrow({ where: { id } })).followUpAt).toBeNull();
    expect(await t.db.leadEvent.count({ where: { leadId: id, type: "follow_up_set" } })).toBe(0);

    const confirmed = await setFollowUpAction(IDLE, form({ leadId: id, version: v, choice: "date", date: "2020-01-06", time: "10:00", confirmPast: "on" }));
    expect(confirmed.status).toBe("ok");
    expect((await t.db.lead.findUniqueOrThrow({ where: { id } })).followUpAt?.toISOString()).toBe("2020-01-06T09:00:00.000Z");
  });

  it("a quick choice is in the future at the clinic's opening time", async () => {
    const { id, version } = await lead();
    as(fixture.front);
    const before = Date.now();
    expect((await setFollowUpAction(IDLE, form({ leadId: id, version: String(await version()), choice: "next_business_day" }))).status).toBe("ok");
    const at = (await t.db.lead.findUniqueOrThrow({ where: { id } })).followUpAt;
    expect(at && at.getTime()).toBeGreaterThan(before);
    const wall = new Intl.DateTimeFormat("en-GB", { timeZone: ZONE, weekday: "short", hour: "2-digit", minute: "2-digit" }).format(at ?? new Date(0));
    expect(["Mon 08:30", "Tue 09:00", "Wed 09:00", "Thu 09:00", "Fri 09:00"]).toContain(wall);
  });

  it("the API takes a date alone as that clinic date's opening time (and an ISO date-time as before)", async () => {
    const { id } = await lead();
    const patch = async (body: unknown) => {
      const res = await patchRoute(staffRequest(`/api/v1/leads/${id}`, fixture.front.headers, { method: "PATCH", body: JSON.stringify(body) }), ctx(id));
      return { status: res.status, body: (await res.json()) as { followUpAt: string | null; error?: { fields?: Record<string, string> } } };
    };
    // Monday 2030-03-04 opens at 08:30 in Madrid (CET): 07:30Z.
    expect((await patch({ followUpAt: "2030-03-04" })).body.followUpAt).toBe("2030-03-04T07:30:00.000Z");
    // Saturday is closed: 09:00.
    expect((await patch({ followUpAt: "2030-03-09" })).body.followUpAt).toBe("2030-03-09T08:00:00.000Z");
    expect((await patch({ followUpAt: "2030-03-05T18:15:00+01:00" })).body.followUpAt).toBe("2030-03-05T17:15:00.000Z");
    const bad = await patch({ followUpAt: "next tuesday" });
    expect(bad.status).toBe(400);
    expect(bad.body.error?.fields?.followUpAt).toMatch(/ISO date-time/);
  });

  it("becoming a patient clears the follow-up and logs it as cleared, with the time it had and why", async () => {
    const { id, version } = await lead();
    as(fixture.front);
    await setFollowUpAction(IDLE, form({ leadId: id, version: String(await version()), choice: "date", date: "2030-03-04", time: "11:00" }));
    for (const status of ["consultation_booked", "became_patient"]) {
      expect((await updateLeadAction(IDLE, form({ leadId: id, version: String(await version()), status }))).status).toBe("ok");
    }
    expect((await t.db.lead.findUniqueOrThrow({ where: { id } })).followUpAt).toBeNull();
    const events = await t.db.leadEvent.findMany({ where: { leadId: id, type: { in: ["follow_up_set", "follow_up_cleared"] } }, orderBy: { createdAt: "asc" } });
    expect(events.map((e) => [e.type, e.data])).toEqual([
      ["follow_up_set", { at: "2030-03-04T10:00:00.000Z", from: null }],
      ["follow_up_cleared", { from: "2030-03-04T10:00:00.000Z", status: "became_patient" }],
    ]);
  });

  it("the upgrade moves date-only follow-ups (the clinic's 00:00) to that day's opening time, once, and keeps other times", async () => {
    const monday = await lead();
    const saturday = await lead();
    const timed = await lead();
    const fresh = await lead();
    const midnightMonday = clinicMidnight("2030-03-04", ZONE);
    const midnightSaturday = clinicMidnight("2030-03-09", ZONE);
    const afternoon = instantAt("2030-03-05", "16:45", ZONE);
    await t.db.lead.update({ where: { id: monday.id }, data: { followUpAt: midnightMonday, followUpDateOnly: true } });
    await t.db.lead.update({ where: { id: saturday.id }, data: { followUpAt: midnightSaturday, followUpDateOnly: true } });
    await t.db.lead.update({ where: { id: timed.id }, data: { followUpAt: afternoon, followUpDateOnly: true } });
    // Set after the upgrade shipped (not marked): never touched, even at 00:00.
    await t.db.lead.update({ where: { id: fresh.id }, data: { followUpAt: midnightMonday } });

    const first = await upgradeDateOnlyFollowUps(t.db);
    expect(first.moved).toBeGreaterThanOrEqual(2);
    const at = async (id: string) => (await t.db.lead.findUniqueOrThrow({ where: { id } })).followUpAt?.toISOString();
    expect(await at(monday.id)).toBe("2030-03-04T07:30:00.000Z");
    expect(await at(saturday.id)).toBe("2030-03-09T08:00:00.000Z");
    expect(await at(timed.id)).toBe(afternoon.toISOString());
    expect(await at(fresh.id)).toBe(midnightMonday.toISOString());
    expect(await t.db.lead.count({ where: { followUpDateOnly: true } })).toBe(0);
    const audit = await t.db.leadEvent.findFirstOrThrow({ where: { leadId: monday.id, type: "follow_up_set" } });
    expect(audit).toMatchObject({ actorId: null, data: { at: "2030-03-04T07:30:00.000Z", from: midnightMonday.toISOString(), by: "upgrade" } });

    expect(await upgradeDateOnlyFollowUps(t.db)).toEqual({ moved: 0, kept: 0 });
    expect(await at(monday.id)).toBe("2030-03-04T07:30:00.000Z");
  });
});
