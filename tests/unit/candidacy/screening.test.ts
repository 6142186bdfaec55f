import { describe, expect, it } from "vitest";
import { HEALTH_SCREEN_ITEMS } from "@/lib/candidacy/options";
import { asksHealthScreenItem, healthScreenItemsFor } from "@/lib/candidacy/screening";

describe("which screening questions apply (issue 19)", () => {
  it("never asks a man about pregnancy; asks women and 'other'", () => {
    expect(healthScreenItemsFor("male")).not.toContain("pregnant_or_breastfeeding");
    expect(healthScreenItemsFor("female")).toEqual([...HEALTH_SCREEN_ITEMS]);
    expect(healthScreenItemsFor("other")).toEqual([...HEALTH_SCREEN_ITEMS]);
    expect(asksHealthScreenItem("pregnant_or_breastfeeding", "male")).toBe(false);
  });

  it("every other item applies to everyone", () => {
    for (const item of HEALTH_SCREEN_ITEMS.filter((i) => i !== "pregnant_or_breastfeeding")) {
      for (const sex of ["male", "female", "other", undefined] as const) expect(asksHealthScreenItem(item, sex)).toBe(true);
    }
  });
});
