import { describe, expect, it } from "vitest";

import { DEFAULT_CLINIC_SETTINGS, DEFAULT_CLINIC_TIME_ZONE, PLACEHOLDER_CLINIC_PROFILE } from "@/lib/clinic/defaults";
import { InvalidError, parseInput } from "@/lib/errors";
import {
  CLINIC_MESSAGES,
  clinicProfileSchema,
  clinicSettingsSchema,
  isCalendarDate,
  isValidTimeZone,
  openingHoursSchema,
} from "@/lib/clinic/schemas";

function fieldErrors(input: unknown): Record<string, string> {
  try {
    parseInput(clinicProfileSchema, input);
  } catch (e) {
    if (e instanceof InvalidError) return Object.fromEntries(e.fields);
    throw e;
  }
  return {};
}

describe("clinic defaults", () => {
  it("the placeholder profile and default settings are valid and marked as placeholders", () => {
    expect(clinicProfileSchema.parse(PLACEHOLDER_CLINIC_PROFILE)).toEqual(PLACEHOLDER_CLINIC_PROFILE);
    expect(clinicSettingsSchema.parse(DEFAULT_CLINIC_SETTINGS)).toEqual(DEFAULT_CLINIC_SETTINGS);
    expect(PLACEHOLDER_CLINIC_PROFILE.name).toContain("(placeholder)");
    expect(PLACEHOLDER_CLINIC_PROFILE.address.line1).toContain("(placeholder)");
    expect(PLACEHOLDER_CLINIC_PROFILE.phone).toBe("+17145550100");
    expect(PLACEHOLDER_CLINIC_PROFILE.timeZone).toBe(DEFAULT_CLINIC_TIME_ZONE);
    expect(DEFAULT_CLINIC_SETTINGS).toEqual({
      replyTargetMinutes: 15,
      autoAssign: "off",
      retentionMonths: null,
      requireTwoFactorForAdmins: false,
      callCadence: "3h,1d,2d",
    });
  });
});

describe("clinicProfileSchema", () => {
  it("normalises the phone to E.164 in the clinic's country, lower-cases the e-mail, sorts closed dates", () => {
    const parsed = clinicProfileSchema.parse({
      ...PLACEHOLDER_CLINIC_PROFILE,
      phone: "(212) 555-0123",
      email: " Hello@MyClinic.COM ",
      address: { ...PLACEHOLDER_CLINIC_PROFILE.address, line2: "  ", country: "us" },
      closedDates: ["2026-12-25", "2026-01-01", "2026-12-25"],
    });
    expect(parsed.phone).toBe("+12125550123");
    expect(parsed.email).toBe("hello@myclinic.com");
    expect(parsed.address).toMatchObject({ line2: null, country: "US" });
    expect(parsed.closedDates).toEqual(["2026-01-01", "2026-12-25"]);

    const spain = clinicProfileSchema.parse({
      ...PLACEHOLDER_CLINIC_PROFILE,
      phone: "912 34 56 78",
      address: { ...PLACEHOLDER_CLINIC_PROFILE.address, country: "ES" },
      timeZone: "Europe/Madrid",
    });
    expect(spain.phone).toBe("+34912345678");
  });

  it("gives a specific message per field", () => {
    expect(fieldErrors({ ...PLACEHOLDER_CLINIC_PROFILE, phone: "12345" })).toEqual({ phone: CLINIC_MESSAGES.phoneInvalid });
    expect(fieldErrors({ ...PLACEHOLDER_CLINIC_PROFILE, timeZone: "Pacific/Atlantis" })).toEqual({
      timeZone: CLINIC_MESSAGES.timeZoneInvalid,
    });
    expect(fieldErrors({ ...PLACEHOLDER_CLINIC_PROFILE, timeZone: "+01:00" })).toEqual({ timeZone: CLINIC_MESSAGES.timeZoneInvalid });
    expect(
      fieldErrors({
        ...PLACEHOLDER_CLINIC_PROFILE,
        openingHours: { ...PLACEHOLDER_CLINIC_PROFILE.openingHours, mon: { open: "17:00", close: "09:00" }, tue: { open: "9am", close: "17:00" } },
      }),
    ).toEqual({ "openingHours.mon.close": CLINIC_MESSAGES.closeBeforeOpen, "openingHours.tue.open": CLINIC_MESSAGES.timeInvalid });
    expect(fieldErrors({ ...PLACEHOLDER_CLINIC_PROFILE, closedDates: ["2026-02-30"] })).toEqual({
      "closedDates.0": CLINIC_MESSAGES.closedDateInvalid,
    });
    expect(fieldErrors({ ...PLACEHOLDER_CLINIC_PROFILE, name: " ", email: "nope" })).toEqual({
      name: CLINIC_MESSAGES.nameMissing,
      email: CLINIC_MESSAGES.emailInvalid,
    });
    expect(fieldErrors({ ...PLACEHOLDER_CLINIC_PROFILE, address: { ...PLACEHOLDER_CLINIC_PROFILE.address, country: "XX" } })).toEqual({
      "address.country": CLINIC_MESSAGES.countryInvalid,
    });
    expect(fieldErrors({ ...PLACEHOLDER_CLINIC_PROFILE, replyPromise: { en: "", es: "x".repeat(121) } })).toEqual({
      "replyPromise.en": CLINIC_MESSAGES.replyPromiseMissing,
      "replyPromise.es": CLINIC_MESSAGES.replyPromiseTooLong,
    });
    expect(fieldErrors({ ...PLACEHOLDER_CLINIC_PROFILE, extra: 1 })).toEqual({ extra: CLINIC_MESSAGES.unknownField });
  });

  it("accepts a 24:00 closing time but never as an opening time", () => {
    const all = PLACEHOLDER_CLINIC_PROFILE.openingHours;
    expect(openingHoursSchema.safeParse({ ...all, sat: { open: "20:00", close: "24:00" } }).success).toBe(true);
    expect(openingHoursSchema.safeParse({ ...all, sat: { open: "24:00", close: "24:00" } }).success).toBe(false);
    expect(openingHoursSchema.safeParse({ ...all, sat: undefined }).success).toBe(false);
  });

  it("helpers", () => {
    expect(isValidTimeZone("America/Los_Angeles")).toBe(true);
    expect(isValidTimeZone("America/Argentina/Buenos_Aires")).toBe(true);
    expect(isValidTimeZone("UTC")).toBe(true);
    expect(isValidTimeZone("Mars/Olympus")).toBe(false);
    expect(isValidTimeZone("")).toBe(false);
    expect(isCalendarDate("2028-02-29")).toBe(true);
    expect(isCalendarDate("2027-02-29")).toBe(false);
    expect(isCalendarDate("2027-2-01")).toBe(false);
  });
});

describe("clinicSettingsSchema", () => {
  it("accepts the three auto-assignment modes and a null retention", () => {
    for (const autoAssign of ["off", "round_robin", "least_open"] as const) {
      expect(clinicSettingsSchema.safeParse({ ...DEFAULT_CLINIC_SETTINGS, autoAssign }).success).toBe(true);
    }
    expect(clinicSettingsSchema.parse({ ...DEFAULT_CLINIC_SETTINGS, retentionMonths: 24 }).retentionMonths).toBe(24);
  });

  it("refuses out-of-range values with specific messages", () => {
    const issues = (input: unknown) =>
      (clinicSettingsSchema.safeParse(input).error?.issues ?? []).map((i) => [i.path.join("."), i.message]);
    expect(issues({ ...DEFAULT_CLINIC_SETTINGS, replyTargetMinutes: 0 })).toEqual([["replyTargetMinutes", CLINIC_MESSAGES.replyTargetInvalid]]);
    expect(issues({ ...DEFAULT_CLINIC_SETTINGS, replyTargetMinutes: 1.5 })).toEqual([["replyTargetMinutes", CLINIC_MESSAGES.replyTargetInvalid]]);
    expect(issues({ ...DEFAULT_CLINIC_SETTINGS, autoAssign: "random" })).toEqual([["autoAssign", CLINIC_MESSAGES.autoAssignInvalid]]);
    expect(issues({ ...DEFAULT_CLINIC_SETTINGS, retentionMonths: 0 })).toEqual([["retentionMonths", CLINIC_MESSAGES.retentionInvalid]]);
  });
});
