import { isStaffRole, type StaffRole } from "./roles";

/**
 * Who may be given an inquiry: the ONE place this rule is written, in both its forms (a predicate
 * for the by-hand and bulk paths, lib/staff/users.ts assertAssignableStaff and the pickers of
 * lib/workspace/page-loaders.ts; SQL for automatic assignment, lib/leads/auto-assign.ts).
 *
 * - an active account (not deactivated by an admin: it keeps the inquiries it holds, gets no new ones);
 * - of a staff role: by hand or in bulk any staff member (front desk or admin); automatic
 *   assignment picks front desk only (admins are never in the rotation).
 *
 * Pure and client-safe: no I/O.
 */
export type AssignmentKind = "by_hand" | "automatic";

export const ASSIGNABLE_ROLES: Readonly<Record<AssignmentKind, readonly StaffRole[]>> = {
  by_hand: ["front_desk", "admin"],
  automatic: ["front_desk"],
};

/** The account facts the rule reads (a `user` row or a staff list row). */
export interface AssignmentCandidate {
  role: string | null;
  deactivatedAt: Date | null;
}

/** Why an account may not be given an inquiry, or null when it may. No account at all: "not_staff". */
export function assignmentRefusal(candidate: AssignmentCandidate | null, kind: AssignmentKind): "not_staff" | "deactivated" | null {
  if (!candidate || !isStaffRole(candidate.role) || !ASSIGNABLE_ROLES[kind].includes(candidate.role)) return "not_staff";
  if (candidate.deactivatedAt) return "deactivated";
  return null;
}

export function isAssignable(candidate: AssignmentCandidate | null, kind: AssignmentKind): boolean {
  return assignmentRefusal(candidate, kind) === null;
}

/**
 * The same rule as a SQL condition on the `user` table under `alias` (same text on SQLite and
 * PostgreSQL; the roles are fixed constants, never input).
 */
export function assignableUserSql(alias: string, kind: AssignmentKind): string {
  const roles = ASSIGNABLE_ROLES[kind];
  const role = roles.length === 1 ? `= '${roles[0]}'` : `IN (${roles.map((r) => `'${r}'`).join(", ")})`;
  return `${alias}."role" ${role} AND ${alias}."deactivatedAt" IS NULL`;
}
