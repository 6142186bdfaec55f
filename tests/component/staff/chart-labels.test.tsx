/**
 * The dashboard bar charts' category labels wrap instead of being cut (components/staff/dashboard/chart-types.ts
 * wrapLabel): every eligibility and flag label reads in full on two lines of the bars layout.
 */
import { wrapLabel } from "@/components/staff/dashboard/chart-types";
import { ELIGIBILITY_LABELS } from "@/lib/candidacy/result";
import { FLAG_LABELS } from "@/lib/workspace/answer-labels";

describe("wrapLabel", () => {
  it("breaks at spaces into lines of at most the given length", () => {
    expect(wrapLabel("Dermatology clearance required", 24, 2)).toEqual(["Dermatology clearance", "required"]);
    expect(wrapLabel("Doctor consultation required", 24, 2)).toEqual(["Doctor consultation", "required"]);
    expect(wrapLabel("Doctor consultation required", 12, 3)).toEqual(["Doctor", "consultation", "required"]);
    expect(wrapLabel("Eligible", 24, 2)).toEqual(["Eligible"]);
  });

  it("every eligibility and flag label fits two lines of 24 characters (the chart's), nothing cut", () => {
    for (const label of [...Object.values(ELIGIBILITY_LABELS), ...Object.values(FLAG_LABELS)]) {
      const lines = wrapLabel(label, 24, 2);
      expect(lines.join(" ")).toBe(label);
      expect(lines.every((line) => line.length <= 24)).toBe(true);
    }
  });

  it("cuts a word longer than a line, and ends in … only what does not fit", () => {
    expect(wrapLabel("newsletter_november_2026_winter", 20, 2)).toEqual(["newsletter_november_", "2026_winter"]);
    expect(wrapLabel("one two three four five six seven eight nine ten eleven", 20, 2)).toEqual(["one two three four", "five six seven eigh…"]);
    expect(wrapLabel("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 20, 2)).toEqual(["aaaaaaaaaaaaaaaaaaaa", "aaaaaaaaaaaaaaaaaaa…"]);
    expect(wrapLabel("", 20, 2)).toEqual([]);
  });
});
