"use server";

import { revalidatePath } from "next/cache";

import { updateClinicSettings } from "@/lib/clinic/store";
import { getDb } from "@/lib/db/client";
import { retentionFormSchema } from "@/lib/leads/erase-input";
import { staffAction } from "@/lib/workspace/staff-action";

/** Retention on or off (clinic setting retentionMonths); the page showed the preview count before this. */
export const saveRetentionAction = staffAction(
  { name: "saveRetention", role: "admin", schema: retentionFormSchema, returnTo: "/staff/data-protection", invalidMessage: "Nothing was saved." },
  async ({ user, input }) => {
    const retentionMonths = input.retentionMonths === "off" ? null : input.retentionMonths;
    await updateClinicSettings(getDb(), { retentionMonths }, user.id, input.version);
    revalidatePath("/staff/data-protection");
    return retentionMonths === null
      ? "Retention is off: inquiries are kept until someone erases them."
      : `Saved. Inquiries that never became patients are erased ${retentionMonths} months after they arrive (checked every hour).`;
  },
);
