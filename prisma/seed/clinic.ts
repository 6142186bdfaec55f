import { ensureClinicRows } from "@/lib/clinic/store";

import type { SeedStep } from "./types";

/** The clinic profile (placeholder values until an admin saves it) and the default settings. */
export const clinicStep: SeedStep = {
  name: "clinic profile",
  always: true,
  async run(db) {
    const { profile, settings } = await ensureClinicRows(db);
    const state = profile.isPlaceholder
      ? "placeholder (an admin should fill it in at /staff/clinic)"
      : `saved by an admin (version ${profile.version})`;
    return `${state}; settings version ${settings.version}`;
  },
};
