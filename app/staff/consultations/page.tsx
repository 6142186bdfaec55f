import type { Metadata } from "next";

import { addTimeOffAction, removeTimeOffAction, saveConsultantAction, saveConsultationSettingsAction } from "@/app/staff/consultations/actions";
import { signOutAction } from "@/app/staff/sign-in/actions";
import { ConsultantForm, ConsultationSettingsForm, TimeOffForms } from "@/components/staff/ConsultationSettingsForms";
import { StaffShell } from "@/components/staff/StaffShell";
import styles from "@/components/staff/staff.module.css";
import { loadConsultationsPage } from "@/lib/workspace/page-loaders";

export const metadata: Metadata = { title: "Consultations · staff", robots: { index: false } };

export default async function ConsultationsSettingsPage() {
  const { user, settings, consultants, timeZone, clinicHours } = await loadConsultationsPage();
  const { version, ...values } = settings;
  const anyConsultant = consultants.some((c) => c.active);
  return (
    <StaffShell user={user} current="consultations" signOut={signOutAction}>
      <h1>Consultations</h1>
      <p className={styles.muted}>Times are the clinic&apos;s ({timeZone}). Patients book from their result and their own page; staff from the inquiry page.</p>
      <ConsultationSettingsForm action={saveConsultationSettingsAction} settings={values} version={version} />
      <section className={styles.panel} aria-labelledby="consultants-heading">
        <h2 id="consultants-heading">Who takes consultations</h2>
        <p>
          {anyConsultant
            ? "Patients are offered the times when at least one of the people below is free; the one with the fewest consultations that day is picked."
            : "Nobody is marked yet: the clinic's opening hours form one calendar. Mark the people who take consultations to give each their own calendar."}
        </p>
        {consultants.map((row) => (
          <article key={row.userId} className={styles.panel} aria-labelledby={`consultant-${row.userId}`}>
            <h3 id={`consultant-${row.userId}`}>
              {row.name} <span className={styles.muted}>({row.email})</span>
            </h3>
            <ConsultantForm action={saveConsultantAction} row={row} clinicHours={clinicHours} />
            <TimeOffForms addAction={addTimeOffAction} removeAction={removeTimeOffAction} row={row} timeZone={timeZone} />
          </article>
        ))}
      </section>
    </StaffShell>
  );
}
