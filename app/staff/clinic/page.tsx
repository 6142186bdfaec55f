import type { Metadata } from "next";

import { updateClinicProfileAction, updateClinicSettingsAction } from "@/app/staff/clinic/actions";
import { signOutAction } from "@/app/staff/sign-in/actions";
import { ClinicProfileForm, ClinicSettingsForm } from "@/components/staff/ClinicForms";
import clinic from "@/components/staff/clinic.module.css";
import { StaffShell } from "@/components/staff/StaffShell";
import { loadClinicPage } from "@/lib/workspace/clinic-page-loader";

export const metadata: Metadata = { title: "Clinic profile · staff", robots: { index: false } };

export default async function StaffClinicPage() {
  const { user, profile, settings, timeZones } = await loadClinicPage();
  return (
    <StaffShell user={user} current="clinic" signOut={signOutAction}>
      <h1>Clinic profile and settings</h1>
      {profile.isPlaceholder ? (
        <section className={clinic.banner} aria-labelledby="placeholder-heading">
          <h2 id="placeholder-heading">These are placeholder details</h2>
          <p>
            Patients now see “{profile.name}” and a sample phone number and address. Enter your clinic’s real details below and save
            them before you share the questionnaire.
          </p>
        </section>
      ) : null}
      <ClinicProfileForm action={updateClinicProfileAction} profile={profile} timeZones={timeZones} />
      <ClinicSettingsForm action={updateClinicSettingsAction} settings={settings} />
    </StaffShell>
  );
}
