import { randomUUID } from "node:crypto";

import type { Metadata } from "next";

import { enterLeadAction } from "@/app/staff/leads/actions";
import { signOutAction } from "@/app/staff/sign-in/actions";
import { StaffEntryForm } from "@/components/staff/StaffEntryForm";
import { StaffShell } from "@/components/staff/StaffShell";
import { requireStaff } from "@/lib/staff/require-staff";

export const metadata: Metadata = { title: "New phone-in or walk-in inquiry · staff", robots: { index: false } };

/** Staff enter an inquiry for a patient on the phone or at the desk (issue 22 item 6). */
export default async function NewStaffLeadPage() {
  const user = await requireStaff("front_desk", "/staff/leads/new");
  return (
    <StaffShell user={user} current="inbox" signOut={signOutAction}>
      <h1>New phone-in or walk-in inquiry</h1>
      <p>Ask the questions as the online questionnaire does; the verdict and price come from the same rules and price table.</p>
      <StaffEntryForm action={enterLeadAction} idempotencyKey={randomUUID()} />
    </StaffShell>
  );
}
