import { envVar } from "@/lib/env";
import { createStaffUser } from "@/lib/staff/users";

import type { SeedStep } from "./types";

/**
 * Demo staff accounts for development (never in production: the step refuses). The passwords are
 * public, which is exactly why this step only runs with `--demo` (npm run dev) and NODE_ENV !== production.
 */
export const DEMO_STAFF = [
  { email: "admin@demo.clinic", password: "demo-admin-password", role: "admin", name: "Demo Admin" },
  { email: "front@demo.clinic", password: "demo-front-desk-password", role: "front_desk", name: "Demo Front Desk" },
] as const;

export const demoStaffStep: SeedStep = {
  name: "demo staff",
  always: false,
  async run(db) {
    if (envVar("NODE_ENV") === "production") return "skipped (never in production)";
    let created = 0;
    for (const account of DEMO_STAFF) {
      const existing = await db.user.findUnique({ where: { email: account.email }, select: { id: true } });
      if (existing) continue;
      await createStaffUser(db, account);
      created += 1;
    }
    const logins = DEMO_STAFF.map((a) => `${a.email} / ${a.password} (${a.role})`).join(", ");
    return `${created} created; sign in at /staff/sign-in with ${logins}`;
  },
};
