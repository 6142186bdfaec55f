import { z } from "zod";

/**
 * Staff roles. Client-safe (no server imports): the staff UI shows and hides admin links with it;
 * every server entry point checks again with `requireStaff` / `requireStaffApi`.
 *
 * front_desk ⊂ admin: an admin can do everything the front desk can, plus export inquiries,
 * manage staff accounts and publish price tables.
 */
export const STAFF_ROLES = ["front_desk", "admin"] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const staffRoleSchema = z.enum(STAFF_ROLES, { error: 'The role must be "admin" or "front_desk".' });

export const STAFF_ROLE_LABELS: Readonly<Record<StaffRole, string>> = {
  front_desk: "Front desk",
  admin: "Admin",
};

const RANK: Readonly<Record<StaffRole, number>> = { front_desk: 1, admin: 2 };

export function isStaffRole(value: unknown): value is StaffRole {
  return typeof value === "string" && (STAFF_ROLES as readonly string[]).includes(value);
}

/** True when a user with `actual` may do what `required` allows (admin includes front desk). */
export function roleAllows(actual: unknown, required: StaffRole): boolean {
  return isStaffRole(actual) && RANK[actual] >= RANK[required];
}
