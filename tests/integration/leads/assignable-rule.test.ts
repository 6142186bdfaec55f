/**
 * The two forms of "who may be given an inquiry" (lib/staff/assignable.ts) agree on real rows, both
 * databases: the SQL condition automatic assignment runs selects exactly the accounts the predicate
 * accepts, and assertAssignableStaff (by hand, in bulk) accepts exactly the ones it accepts by hand.
 */
import { InvalidError } from "@/lib/errors";
import { ACTIVE_FRONT_DESK_SQL } from "@/lib/leads/auto-assign";
import { assignableUserSql, isAssignable, type AssignmentKind } from "@/lib/staff/assignable";
import { assertAssignableStaff } from "@/lib/staff/users";
import { forEachProvider } from "@/tests/support/test-db";

const ACCOUNTS = [
  { id: "r-front", role: "front_desk", deactivated: false },
  { id: "r-front-gone", role: "front_desk", deactivated: true },
  { id: "r-admin", role: "admin", deactivated: false },
  { id: "r-admin-gone", role: "admin", deactivated: true },
  { id: "r-user", role: "user", deactivated: false },
] as const;

forEachProvider("who may be given an inquiry", (t) => {
  beforeAll(async () => {
    for (const a of ACCOUNTS) {
      await t.db.user.create({
        data: { id: a.id, name: a.id, email: `${a.id}@clinic.example.com`, role: a.role, deactivatedAt: a.deactivated ? new Date("2026-11-01T00:00:00Z") : null },
      });
    }
  });

  const expected = async (kind: AssignmentKind) =>
    (await t.db.user.findMany({ where: { id: { startsWith: "r-" } }, select: { id: true, role: true, deactivatedAt: true } }))
      .filter((u) => isAssignable(u, kind))
      .map((u) => u.id)
      .sort();

  const selected = async (condition: string) =>
    (await t.db.$queryRawUnsafe<{ id: string }[]>(`SELECT u."id" AS "id" FROM "user" u WHERE u."id" LIKE 'r-%' AND ${condition} ORDER BY u."id"`)).map((r) => r.id);

  it("the SQL form selects the accounts the predicate accepts (automatic: active front desk only)", async () => {
    expect(await expected("automatic")).toEqual(["r-front"]);
    expect(await selected(ACTIVE_FRONT_DESK_SQL)).toEqual(await expected("automatic"));
    expect(await selected(assignableUserSql("u", "automatic"))).toEqual(await expected("automatic"));
    expect(await selected(assignableUserSql("u", "by_hand"))).toEqual(await expected("by_hand"));
  });

  it("assertAssignableStaff accepts exactly the accounts the predicate accepts by hand", async () => {
    const accepted: string[] = [];
    for (const id of [...ACCOUNTS.map((a) => a.id), "r-nobody"]) {
      const outcome = await t.db.$transaction((tx) => assertAssignableStaff(tx, id)).catch((e: unknown) => e);
      if (outcome === undefined) accepted.push(id);
      else expect(outcome).toBeInstanceOf(InvalidError);
    }
    expect(accepted.sort()).toEqual(await expected("by_hand"));
    expect(accepted.sort()).toEqual(["r-admin", "r-front"]);
  });
});
