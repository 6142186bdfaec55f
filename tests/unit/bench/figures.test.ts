import { FIGURE_PREFIX, figureRecord, flooredRecord, lacksFloor, lighthouseFloorMs, meetsAbsoluteGoal, meetsGoal, parseFigures, ratioGoal, ratioOf, referenceFloorOf, twoDigits, type GoalEntry } from "@/scripts/bench/figures.mjs";
import { GOALS, REFERENCE } from "@/scripts/bench/goals.mjs";

const goals: Record<string, GoalEntry> = {
  "inbox page": { unit: "ms", absolute: "<= 30", floor: "index-only read", referenceFloor: { SQLite: 0.2, PostgreSQL: 0.5 } },
  evaluate: { unit: "calls/s", absolute: ">= 1000000", floor: "JSON.stringify", referenceFloor: 400_000 },
};

describe("ratio goals", () => {
  it("turn an absolute goal into a ratio over the reference machine's floor, to two significant digits", () => {
    expect(ratioGoal("<= 30", 0.2)).toBe("<= 150x");
    expect(ratioGoal("<= 3", 0.7)).toBe("<= 4.3x");
    expect(ratioGoal(">= 1000000", 400_000)).toBe(">= 2.5x");
    expect(ratioGoal("<= 200", 1000 / 3188)).toBe("<= 640x");
    expect(twoDigits(1234)).toBe(1200);
  });

  it("refuse a goal that is already a ratio, and a missing or zero floor", () => {
    expect(() => ratioGoal("<= 1.5x", 0.2)).toThrow(/not an absolute goal/);
    expect(() => ratioGoal("<= 30", 0)).toThrow(/no reference floor/);
    expect(() => ratioGoal("<= 30", Number.NaN)).toThrow(/no reference floor/);
  });

  it("take the database's reference floor where the entry has one per database", () => {
    expect(referenceFloorOf(goals["inbox page"]!, "PostgreSQL")).toBe(0.5);
    expect(referenceFloorOf(goals.evaluate!)).toBe(400_000);
    expect(() => referenceFloorOf(goals["inbox page"]!)).toThrow(/no reference floor/);
    expect(() => referenceFloorOf(goals["inbox page"]!, "MySQL")).toThrow(/no reference floor for MySQL/);
  });
});

describe("a floored figure", () => {
  it("is judged on value / floor against its kind's ratio goal, with the absolute goal kept for reading", () => {
    const f = flooredRecord(goals, "inbox page", { name: "inbox p95: status=new (SQLite)", value: 6.6, floor: 0.05, provider: "SQLite" });
    expect(f).toEqual({ name: "inbox p95: status=new (SQLite)", value: 6.6, unit: "ms", goal: "<= 150x", baseline: 0.05, absoluteGoal: "<= 30", kind: "inbox page" });
    expect(ratioOf(f)).toBeCloseTo(132);
    expect(meetsGoal(f)).toBe(true);
  });

  it("survives a slower machine: the absolute goal is missed, the ratio is met", () => {
    // The case: 21 ms on the reference machine becomes 36 ms on one 1.75 times slower,
    // whose floor is 1.75 times the reference's 0.2 ms.
    const reference = flooredRecord(goals, "inbox page", { name: "worst", value: 21, floor: 0.2, provider: "SQLite" });
    const slower = flooredRecord(goals, "inbox page", { name: "worst", value: 21 * 1.75, floor: 0.2 * 1.75, provider: "SQLite" });
    expect([meetsGoal(reference), meetsAbsoluteGoal(reference)]).toEqual([true, true]);
    expect([meetsGoal(slower), meetsAbsoluteGoal(slower)]).toEqual([true, false]);
    // A real slowdown (the query, not the machine) is still missed.
    expect(meetsGoal(flooredRecord(goals, "inbox page", { name: "worst", value: 40, floor: 0.2, provider: "SQLite" }))).toBe(false);
  });

  it("judges a throughput (>=) the same way", () => {
    expect(meetsGoal(flooredRecord(goals, "evaluate", { name: "evaluate", value: 1_000_000, floor: 380_000 }))).toBe(true);
    expect(meetsGoal(flooredRecord(goals, "evaluate", { name: "evaluate", value: 1_000_000, floor: 420_000 }))).toBe(false);
  });

  it("is not judged when the floor was not measured", () => {
    const f = flooredRecord(goals, "inbox page", { name: "x", value: 6, floor: Number.NaN, provider: "SQLite" });
    expect(f.baseline).toBeNull();
    expect(meetsGoal(f)).toBeNull();
    expect(meetsGoal({ value: 6, goal: "<= 150x", baseline: 0 })).toBeNull();
  });

  it("names the kinds there are when given an unknown one", () => {
    expect(() => flooredRecord(goals, "slots", { name: "x", value: 1, floor: 1 })).toThrow(/unknown kind of figure "slots".*inbox page, evaluate/);
  });

  it("goes through a FIGURE line unchanged", () => {
    const f = flooredRecord(goals, "inbox page", { name: "a", value: 1.5, floor: 0.01, provider: "PostgreSQL", note: "n" });
    const line = `${FIGURE_PREFIX}${JSON.stringify(f)}`;
    expect(parseFigures(`noise\n${line}\nFIGURE {broken\n`)).toEqual([f]);
  });
});

describe("figures with an absolute goal", () => {
  it("are judged on the value, as before", () => {
    const f = figureRecord({ name: "embed.js, gzip", value: 2.1, unit: "KB", goal: "<= 4" });
    expect(f).toEqual({ name: "embed.js, gzip", value: 2.1, unit: "KB", goal: "<= 4" });
    expect(meetsGoal(f)).toBe(true);
    expect(meetsGoal({ value: 5, goal: "<= 4" })).toBe(false);
    expect(meetsGoal({ value: 0, goal: "<= 0" })).toBe(true);
    expect(meetsAbsoluteGoal(f)).toBeNull();
  });

  it("keep the lead bench's ratio goals on the trivial route", () => {
    expect(meetsGoal({ value: 330, goal: ">= 0.6x", baseline: 620 })).toBe(false);
    expect(meetsGoal({ value: 379, goal: ">= 0.6x", baseline: 586 })).toBe(true);
  });
});

describe("a figure that lacks a floor", () => {
  it("is a time or throughput judged on an absolute goal", () => {
    expect(lacksFloor({ unit: "ms", goal: "<= 700" })).toBe(true);
    expect(lacksFloor({ unit: "calls/s", goal: ">= 1000000" })).toBe(true);
    expect(lacksFloor(flooredRecord(goals, "inbox page", { name: "x", value: 6, floor: 0.05, provider: "SQLite" }))).toBe(false);
    expect(lacksFloor({ unit: "KB", goal: "<= 40" })).toBe(false);
    expect(lacksFloor({ unit: "MB", goal: "<= 100" })).toBe(false);
    expect(lacksFloor({ unit: "ms" })).toBe(false);
  });
});

describe("Lighthouse's floor", () => {
  it("is 1000 / its CPU benchmark index, so TBT / floor = TBT x index / 1000", () => {
    expect(lighthouseFloorMs(3188)).toBeCloseTo(0.3137, 4);
    expect(ratioOf({ value: 62.4, baseline: lighthouseFloorMs(3119) })).toBeCloseTo(194.6, 1);
    expect(lighthouseFloorMs(undefined)).toBeNaN();
    expect(lighthouseFloorMs(0)).toBeNaN();
  });
});

describe("scripts/bench/goals.mjs", () => {
  it("gives every kind a unit, an absolute goal and a positive reference floor for each database it names", () => {
    for (const [kind, entry] of Object.entries(GOALS)) {
      const floors = typeof entry.referenceFloor === "number" ? [entry.referenceFloor] : Object.values(entry.referenceFloor);
      expect(floors.length, kind).toBeGreaterThan(0);
      for (const floor of floors) expect(ratioGoal(entry.absolute, floor), kind).toMatch(/^(<=|>=) [\d.]+x$/);
      expect(entry.unit, kind).not.toBe("");
      expect(entry.floor, kind).not.toBe("");
    }
  });

  it("keeps the reference run's Lighthouse floor: 200 ms of TBT there is the ratio goal", () => {
    expect(ratioGoal(GOALS["total blocking time"]!.absolute, referenceFloorOf(GOALS["total blocking time"]!))).toBe(`<= ${twoDigits(200 * REFERENCE.lighthouseBenchmarkIndex / 1000)}x`);
  });
});
