/**
 * Who may be given an inquiry (lib/staff/assignable.ts), pinned: by hand any active staff member,
 * automatically active front desk only; the SQL form says the same (its text checked here, its
 * rows against the predicate on both databases in tests/integration/leads/assignable-rule.test.ts).
 */
import { assignableUserSql, assignmentRefusal, isAssignable } from "@/lib/staff/assignable";

const at = new Date("2026-11-20T18:00:00Z");

describe("assignmentRefusal", () => {
  it.each([
    // role, deactivated, by hand, automatic
    ["front_desk", false, null, null],
    ["admin", false, null, "not_staff"],
    ["front_desk", true, "deactivated", "deactivated"],
    ["admin", true, "deactivated", "not_staff"],
    ["user", false, "not_staff", "not_staff"],
    [null, false, "not_staff", "not_staff"],
  ] as const)("%s (deactivated: %s): by hand %s, automatic %s", (role, deactivated, byHand, automatic) => {
    const candidate = { role, deactivatedAt: deactivated ? at : null };
    expect(assignmentRefusal(candidate, "by_hand")).toBe(byHand);
    expect(assignmentRefusal(candidate, "automatic")).toBe(automatic);
    expect(isAssignable(candidate, "by_hand")).toBe(byHand === null);
    expect(isAssignable(candidate, "automatic")).toBe(automatic === null);
  });

  it("no account at all is not staff", () => {
    expect(assignmentRefusal(null, "by_hand")).toBe("not_staff");
    expect(assignmentRefusal(null, "automatic")).toBe("not_staff");
  });
});

describe("assignableUserSql", () => {
  it("automatic: active front desk (the condition automatic assignment has always used)", () => {
    expect(assignableUserSql("u", "automatic")).toBe(`u."role" = 'front_desk' AND u."deactivatedAt" IS NULL`);
  });

  it("by hand: active front desk or admin", () => {
    expect(assignableUserSql("x", "by_hand")).toBe(`x."role" IN ('front_desk', 'admin') AND x."deactivatedAt" IS NULL`);
  });
});
