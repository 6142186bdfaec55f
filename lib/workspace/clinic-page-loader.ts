import "server-only";

import { getClinicProfile, getClinicSettings } from "@/lib/clinic/store";
import { getDb } from "@/lib/db/client";
import { requireStaff } from "@/lib/staff/require-staff";

/** /staff/clinic (admin only): the current profile and settings, read fresh (the forms send their version back). */
export async function loadClinicPage() {
  const user = await requireStaff("admin", "/staff/clinic");
  const db = getDb();
  const [profile, settings] = await Promise.all([getClinicProfile(db, 0), getClinicSettings(db, 0)]);
  return { user, profile, settings, timeZones: Intl.supportedValuesOf("timeZone") };
}
