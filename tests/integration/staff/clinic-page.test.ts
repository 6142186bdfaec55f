/**
 * /staff/clinic in-process with a real session cookie (the style of pages-actions.test.ts): the
 * loader and both server actions are admin-only (anonymous -> sign-in, front desk -> 403 via
 * forbidden()), an admin's save reaches the database, and errors come back per field with what was
 * typed, on both databases.
 */
import { updateClinicProfileAction, updateClinicSettingsAction } from "@/app/staff/clinic/actions";
import { IDLE, type ActionState } from "@/lib/workspace/action-state";
import { PLACEHOLDER_CLINIC_PROFILE } from "@/lib/clinic/defaults";
import { CLINIC_MESSAGES, WEEKDAYS } from "@/lib/clinic/schemas";
import { getClinicProfile, getClinicSettings } from "@/lib/clinic/store";
import { closeDb } from "@/lib/db/client";
import { loadClinicPage } from "@/lib/workspace/clinic-page-loader";
import { createSignedInStaff, type SignedInStaff } from "@/tests/support/staff-auth";
import { as, outcome } from "@/tests/support/staff-request";
import { forEachProvider } from "@/tests/support/test-db";

vi.mock("next/headers", async () => (await import("@/tests/support/staff-request")).nextHeadersMock);
vi.mock("next/cache", async () => (await import("@/tests/support/staff-request")).nextCacheMock);

/** The profile form as the browser sends it. */
function profileForm(version: number, overrides: Record<string, string> = {}): FormData {
  const p = PLACEHOLDER_CLINIC_PROFILE;
  const values: Record<string, string> = {
    version: String(version),
    name: "Harbor SMP Studio",
    phone: "(949) 555-0177",
    email: "desk@harborsmp.example",
    "address.line1": "12 Harbor Blvd",
    "address.line2": "",
    "address.city": "Newport Beach",
    "address.region": "CA",
    "address.postalCode": "92660",
    "address.country": "US",
    timeZone: p.timeZone,
    closedDates: "2026-12-25\n2027-01-01",
    "replyPromise.en": "within one business day",
    "replyPromise.es": "en un día hábil",
  };
  for (const day of WEEKDAYS) {
    const hours = p.openingHours[day];
    values[`openingHours.${day}.state`] = hours ? "open" : "closed";
    values[`openingHours.${day}.open`] = hours?.open ?? "";
    values[`openingHours.${day}.close`] = hours?.close ?? "";
  }
  const form = new FormData();
  for (const [key, value] of Object.entries({ ...values, ...overrides })) form.set(key, value);
  return form;
}

function settingsForm(version: number, overrides: Record<string, string> = {}): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries({ version: String(version), replyTargetMinutes: "20", autoAssign: "least_open", retentionMonths: "", callCadence: "3h, 1d, 2d", ...overrides })) {
    form.set(key, value);
  }
  return form;
}

forEachProvider("staff clinic page", (t) => {
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

  const entries: { name: string; run: () => Promise<unknown> }[] = [
    { name: "clinic page", run: () => loadClinicPage() },
    { name: "updateClinicProfileAction", run: async () => updateClinicProfileAction(IDLE, profileForm((await getClinicProfile(t.db, 0)).version)) },
    { name: "updateClinicSettingsAction", run: async () => updateClinicSettingsAction(IDLE, settingsForm((await getClinicSettings(t.db, 0)).version)) },
  ];
  for (const entry of entries) {
    it(`${entry.name}: anonymous -> sign-in, front desk -> 403, nothing saved`, async () => {
      const before = [await getClinicProfile(t.db, 0), await getClinicSettings(t.db, 0)];
      as(null);
      const anonymous = await outcome(entry.run);
      expect(anonymous.kind === "redirect" && anonymous.to.startsWith("/staff/sign-in?returnTo=%2Fstaff%2Fclinic")).toBe(true);
      as(front);
      expect(await outcome(entry.run)).toEqual({ kind: "forbidden" });
      expect([await getClinicProfile(t.db, 0), await getClinicSettings(t.db, 0)]).toEqual(before);
      expect(await t.db.leadEvent.count({ where: { type: { in: ["clinic_profile_updated", "clinic_settings_updated"] } } })).toBe(0);
    });
  }

  it("the admin sees the placeholder profile and the settings", async () => {
    as(admin);
    const result = await outcome(() => loadClinicPage());
    expect(result.kind).toBe("ok");
    if (result.kind !== "ok") return;
    expect(result.value.profile).toMatchObject({ name: PLACEHOLDER_CLINIC_PROFILE.name, isPlaceholder: true, version: 1 });
    expect(result.value.settings).toMatchObject({ replyTargetMinutes: 15, autoAssign: "off", version: 1 });
    expect(result.value.timeZones).toContain("America/Los_Angeles");
  });

  it("an admin's invalid profile comes back per field with what was typed; nothing saved", async () => {
    as(admin);
    const form = profileForm(1, {
      phone: "555",
      timeZone: "Pacific/Nowhere",
      "openingHours.tue.open": "18:00",
      "openingHours.tue.close": "08:00",
      closedDates: "2026-12-25\n2026-13-01",
    });
    const state = (await updateClinicProfileAction(IDLE, form)) as ActionState;
    expect(state.status).toBe("error");
    expect(state.fields).toEqual({
      phone: CLINIC_MESSAGES.phoneInvalid,
      timeZone: CLINIC_MESSAGES.timeZoneInvalid,
      "openingHours.tue.close": CLINIC_MESSAGES.closeBeforeOpen,
      "closedDates.1": CLINIC_MESSAGES.closedDateInvalid,
    });
    expect(state.values).toMatchObject({
      name: "Harbor SMP Studio",
      phone: "555",
      timeZone: "Pacific/Nowhere",
      "address.postalCode": "92660",
      "openingHours.tue.open": "18:00",
      closedDates: "2026-12-25\n2026-13-01",
    });
    expect((await getClinicProfile(t.db, 0)).isPlaceholder).toBe(true);
  });

  it("an admin saves the profile: stored, no longer a placeholder, audited with the admin", async () => {
    as(admin);
    const state = (await updateClinicProfileAction(IDLE, profileForm(1, { "openingHours.sat.state": "open", "openingHours.sat.open": "10:00", "openingHours.sat.close": "14:00" }))) as ActionState;
    expect(state).toMatchObject({ status: "ok" });
    const saved = await getClinicProfile(t.db, 0);
    expect(saved).toMatchObject({
      name: "Harbor SMP Studio",
      phone: "+19495550177",
      address: { line1: "12 Harbor Blvd", line2: null, city: "Newport Beach", postalCode: "92660", country: "US" },
      closedDates: ["2026-12-25", "2027-01-01"],
      isPlaceholder: false,
      version: 2,
      updatedById: admin.id,
    });
    expect(saved.openingHours.sat).toEqual({ open: "10:00", close: "14:00" });
    expect(saved.openingHours.sun).toBeNull();
    expect(await t.db.leadEvent.count({ where: { type: "clinic_profile_updated", actorId: admin.id } })).toBe(1);
  });

  it("a save from a stale page is a conflict and changes nothing", async () => {
    as(admin);
    const before = await getClinicProfile(t.db, 0);
    const state = (await updateClinicProfileAction(IDLE, profileForm(1, { name: "From an old tab" }))) as ActionState;
    expect(state.status).toBe("conflict");
    expect(state.values?.name).toBe("From an old tab");
    expect(await getClinicProfile(t.db, 0)).toEqual(before);
  });

  it("an admin saves the settings; an invalid number is refused with its message", async () => {
    as(admin);
    const bad = (await updateClinicSettingsAction(IDLE, settingsForm(1, { replyTargetMinutes: "0", retentionMonths: "abc" }))) as ActionState;
    expect(bad.status).toBe("error");
    expect(bad.fields).toEqual({ replyTargetMinutes: CLINIC_MESSAGES.replyTargetInvalid, retentionMonths: CLINIC_MESSAGES.retentionInvalid });
    expect(bad.values).toMatchObject({ replyTargetMinutes: "0", retentionMonths: "abc" });

    const form = settingsForm(1, { retentionMonths: "24" });
    form.set("requireTwoFactorForAdmins", "on");
    expect(await updateClinicSettingsAction(IDLE, form)).toMatchObject({ status: "ok" });
    expect(await getClinicSettings(t.db, 0)).toMatchObject({
      replyTargetMinutes: 20,
      autoAssign: "least_open",
      retentionMonths: 24,
      requireTwoFactorForAdmins: true,
      version: 2,
      updatedById: admin.id,
    });
  });
});
