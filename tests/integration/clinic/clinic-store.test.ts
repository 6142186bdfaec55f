import { DEFAULT_CLINIC_SETTINGS, PLACEHOLDER_CLINIC_PROFILE } from "@/lib/clinic/defaults";
import { ConflictError, InvalidError } from "@/lib/errors";
import { CLINIC_MESSAGES } from "@/lib/clinic/schemas";
import {
  CLINIC_CACHE_MAX_AGE_MS,
  ensureClinicRows,
  getClinicProfile,
  getClinicSettings,
  updateClinicProfile,
  updateClinicSettings,
} from "@/lib/clinic/store";
import { runSeed } from "@/prisma/seed";
import { forEachProvider } from "@/tests/support/test-db";

const realProfile = {
  ...PLACEHOLDER_CLINIC_PROFILE,
  name: "Sunset SMP Clinic",
  phone: "(714) 555-0142",
  email: "Front@SunsetSMP.example",
  address: { line1: "400 Ocean Ave", line2: "Suite 2", city: "Huntington Beach", region: "CA", postalCode: "92648", country: "US" },
  closedDates: ["2026-12-25", "2026-12-24"],
  openingHours: { ...PLACEHOLDER_CLINIC_PROFILE.openingHours, sat: { open: "10:00", close: "14:00" } },
};

forEachProvider("clinic profile and settings store", (t) => {
  it("the seed creates the placeholder profile and default settings once (idempotent)", async () => {
    const lines: string[] = [];
    await runSeed(t.db, { log: (l) => lines.push(l) });
    await runSeed(t.db, { log: (l) => lines.push(l) });
    expect(await t.db.clinicProfile.count()).toBe(1);
    expect(await t.db.clinicSettings.count()).toBe(1);
    expect(lines.filter((l) => l.startsWith("clinic profile: placeholder"))).toHaveLength(2);
  });

  it("reads the placeholder defaults", async () => {
    const profile = await getClinicProfile(t.db, 0);
    const { isPlaceholder, version, updatedAt, updatedById, ...values } = profile;
    expect(values).toEqual(PLACEHOLDER_CLINIC_PROFILE);
    expect({ isPlaceholder, version, updatedById }).toEqual({ isPlaceholder: true, version: 1, updatedById: null });
    expect(updatedAt).toBeInstanceOf(Date);

    const settings = await getClinicSettings(t.db, 0);
    expect(settings).toMatchObject({ ...DEFAULT_CLINIC_SETTINGS, version: 1, updatedById: null });
  });

  it("a second row is refused by the database (single-row CHECK)", async () => {
    await expect(
      t.db.clinicSettings.create({ data: { id: "second" } }),
    ).rejects.toThrow();
    expect(await t.db.clinicSettings.count()).toBe(1);
  });

  it("updates the profile: normalised, no longer a placeholder, version + 1, audited", async () => {
    const admin = await t.db.user.create({
      data: { id: "u_clinic_admin", name: "Admin", email: "clinic-admin@example.com", role: "admin" },
    });
    const saved = await updateClinicProfile(t.db, realProfile, admin.id, 1);
    expect(saved).toMatchObject({
      name: "Sunset SMP Clinic",
      phone: "+17145550142",
      email: "front@sunsetsmp.example",
      closedDates: ["2026-12-24", "2026-12-25"],
      isPlaceholder: false,
      version: 2,
      updatedById: admin.id,
    });
    expect(saved.openingHours.sat).toEqual({ open: "10:00", close: "14:00" });
    // Stored, not only returned.
    expect(await getClinicProfile(t.db, 0)).toEqual(saved);

    const event = await t.db.leadEvent.findFirst({ where: { type: "clinic_profile_updated" } });
    expect(event).toMatchObject({ actorId: admin.id, leadId: null });
    expect(event?.data).toEqual({
      version: 2,
      changed: ["name", "phone", "email", "address", "openingHours", "closedDates"],
      wasPlaceholder: true,
    });
  });

  it("refuses a stale version and changes nothing", async () => {
    const before = await getClinicProfile(t.db, 0);
    const err = await updateClinicProfile(t.db, { ...realProfile, name: "Someone else's edit" }, null, before.version - 1).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ConflictError);
    expect((err as ConflictError).reason).toBe("stale_version");
    expect(await getClinicProfile(t.db, 0)).toEqual(before);
    expect(await t.db.leadEvent.count({ where: { type: "clinic_profile_updated" } })).toBe(1);
  });

  it("two saves from the same version: exactly one wins", async () => {
    const before = await getClinicProfile(t.db, 0);
    const results = await Promise.allSettled([
      updateClinicProfile(t.db, { ...realProfile, name: "Edit A" }, null, before.version),
      updateClinicProfile(t.db, { ...realProfile, name: "Edit B" }, null, before.version),
    ]);
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r) => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect((lost[0] as PromiseRejectedResult).reason).toBeInstanceOf(ConflictError);
    const after = await getClinicProfile(t.db, 0);
    expect(after.version).toBe(before.version + 1);
    expect(["Edit A", "Edit B"]).toContain(after.name);
  });

  it("refuses invalid input with field messages and changes nothing", async () => {
    const before = await getClinicProfile(t.db, 0);
    const err = await updateClinicProfile(
      t.db,
      { ...realProfile, phone: "555", timeZone: "Mars/Base", openingHours: { ...realProfile.openingHours, mon: { open: "18:00", close: "08:00" } } },
      null,
      before.version,
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidError);
    expect(Object.fromEntries((err as InvalidError).fields)).toEqual({
      phone: CLINIC_MESSAGES.phoneInvalid,
      timeZone: CLINIC_MESSAGES.timeZoneInvalid,
      "openingHours.mon.close": CLINIC_MESSAGES.closeBeforeOpen,
    });
    expect(await getClinicProfile(t.db, 0)).toEqual(before);
  });

  it("the cache serves repeated reads and an update invalidates it at once", async () => {
    const first = await getClinicProfile(t.db);
    // A change behind the cache's back (another process) is not seen within the cache window...
    await t.db.clinicProfile.update({ where: { id: "clinic" }, data: { name: "Changed elsewhere" } });
    expect(CLINIC_CACHE_MAX_AGE_MS).toBeGreaterThan(1000);
    expect((await getClinicProfile(t.db)).name).toBe(first.name);
    // ...is seen by a fresh read...
    const fresh = await getClinicProfile(t.db, 0);
    expect(fresh.name).toBe("Changed elsewhere");
    // ...and an update in this process is seen at once by the cached read.
    await updateClinicProfile(t.db, { ...realProfile, name: "Saved here" }, null, fresh.version);
    expect((await getClinicProfile(t.db)).name).toBe("Saved here");
  });

  it("updates some settings, keeps the others, version + 1, audited; stale version refused", async () => {
    const before = await getClinicSettings(t.db, 0);
    const cachedBefore = await getClinicSettings(t.db);
    expect(cachedBefore.retentionMonths).toBeNull();
    const saved = await updateClinicSettings(t.db, { retentionMonths: 24, autoAssign: "round_robin" }, null, before.version);
    expect(saved).toMatchObject({
      replyTargetMinutes: 15,
      autoAssign: "round_robin",
      retentionMonths: 24,
      requireTwoFactorForAdmins: false,
      callCadence: "3h,1d,2d",
      version: before.version + 1,
    });
    expect(await getClinicSettings(t.db)).toEqual(saved);
    const event = await t.db.leadEvent.findFirst({ where: { type: "clinic_settings_updated" } });
    expect(event?.data).toEqual({
      version: saved.version,
      changed: ["autoAssign", "retentionMonths"],
      values: { autoAssign: "round_robin", retentionMonths: 24 },
    });

    await expect(updateClinicSettings(t.db, { retentionMonths: null }, null, before.version)).rejects.toBeInstanceOf(
      ConflictError,
    );
    const invalid = await updateClinicSettings(t.db, { replyTargetMinutes: 0 }, null, saved.version).catch((e: unknown) => e);
    expect(invalid).toBeInstanceOf(InvalidError);
    expect(Object.fromEntries((invalid as InvalidError).fields)).toEqual({ replyTargetMinutes: CLINIC_MESSAGES.replyTargetInvalid });
    expect(await getClinicSettings(t.db, 0)).toEqual(saved);
  });

  it("ensureClinicRows never overwrites a saved profile", async () => {
    const saved = await getClinicProfile(t.db, 0);
    const { profile } = await ensureClinicRows(t.db);
    expect(profile).toEqual(saved);
    expect(profile.isPlaceholder).toBe(false);
  });

  it("a deleted editor leaves the profile with updatedById null", async () => {
    const admin = await t.db.user.create({ data: { id: "u_gone", name: "Gone", email: "gone@example.com", role: "admin" } });
    const before = await getClinicProfile(t.db, 0);
    await updateClinicProfile(t.db, realProfile, admin.id, before.version);
    await t.db.user.delete({ where: { id: admin.id } });
    expect((await getClinicProfile(t.db, 0)).updatedById).toBeNull();
  });
});
