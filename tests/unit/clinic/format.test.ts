import { describe, expect, it } from "vitest";

import { DEFAULT_OPENING_HOURS, PLACEHOLDER_CLINIC_PROFILE } from "@/lib/clinic/defaults";
import { addressLines, formatPhone, groupOpeningHours, telHref } from "@/lib/clinic/format";

describe("clinic contact formatting", () => {
  it("formats the phone nationally in the clinic's country, internationally elsewhere", () => {
    expect(formatPhone("+17145550100", "US")).toBe("(714) 555-0100");
    expect(formatPhone("+34912345678", "US")).toBe("+34 912 34 56 78");
    expect(formatPhone("+34912345678", "es")).toBe("912 34 56 78");
    expect(formatPhone("not a number", "US")).toBe("not a number");
    expect(telHref("+1 714 555 0100")).toBe("tel:+17145550100");
  });

  it("gives the address as lines", () => {
    expect(addressLines(PLACEHOLDER_CLINIC_PROFILE.address)).toEqual(["123 Example St (placeholder)", "Anytown, CA 92800"]);
    expect(addressLines({ ...PLACEHOLDER_CLINIC_PROFILE.address, line2: "Suite 2" })).toHaveLength(3);
  });

  it("groups consecutive weekdays with the same hours", () => {
    expect(groupOpeningHours(DEFAULT_OPENING_HOURS)).toEqual([
      { days: ["mon", "tue", "wed", "thu", "fri"], hours: { open: "09:00", close: "17:00" } },
      { days: ["sat", "sun"], hours: null },
    ]);
    const split = groupOpeningHours({ ...DEFAULT_OPENING_HOURS, wed: { open: "12:00", close: "20:00" }, sat: { open: "10:00", close: "14:00" } });
    expect(split.map((g) => g.days.join(","))).toEqual(["mon,tue", "wed", "thu,fri", "sat", "sun"]);
  });
});
