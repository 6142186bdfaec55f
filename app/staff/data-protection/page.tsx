import type { Metadata } from "next";

import { saveRetentionAction } from "@/app/staff/data-protection/actions";
import { signOutAction } from "@/app/staff/sign-in/actions";
import { RetentionSaveForm } from "@/components/staff/RetentionForm";
import { StaffShell } from "@/components/staff/StaffShell";
import admin from "@/components/staff/admin.module.css";
import styles from "@/components/staff/staff.module.css";
import { loadDataProtectionPage } from "@/lib/workspace/page-loaders";
import type { SearchParams } from "@/lib/workspace/page-loaders";

export const metadata: Metadata = { title: "Data protection · staff", robots: { index: false } };

const day = (d: Date) => d.toISOString().slice(0, 10);

export default async function DataProtectionPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { user, settings, current, preview, previewError } = await loadDataProtectionPage(await searchParams);
  return (
    <StaffShell user={user} current="data" signOut={signOutAction}>
      <h1>Data protection</h1>
      <section className={styles.panel} aria-labelledby="retention-heading">
        <h2 id="retention-heading">Retention</h2>
        <p>
          Erase inquiries automatically when they are older than a number of months and never became patients. Patients&apos; inquiries
          are kept. The check runs every hour; each erasure leaves only a line in the audit log.
        </p>
        <p role="status">
          {settings.retentionMonths === null ? (
            <strong>Retention is off: inquiries are kept until someone erases them.</strong>
          ) : (
            <>
              <strong>Retention is on: {settings.retentionMonths} months.</strong>{" "}
              {current === 0 ? "No inquiry is past the limit right now." : `${current} inquiries are past the limit and will be erased within the hour.`}
            </>
          )}
        </p>
        <form method="get" action="/staff/data-protection" className={styles.actionsRow}>
          <div className={styles.field}>
            <label htmlFor="preview-months">Erase after (months)</label>
            <input
              id="preview-months"
              name="preview"
              type="number"
              min={1}
              max={240}
              step={1}
              inputMode="numeric"
              className={styles.input}
              defaultValue={preview?.months ?? settings.retentionMonths ?? ""}
              aria-invalid={previewError ? true : undefined}
              aria-describedby={previewError ? "preview-error" : undefined}
              autoFocus={previewError ? true : undefined}
            />
            {previewError ? (
              <span id="preview-error" className={styles.fieldError}>
                {previewError}
              </span>
            ) : null}
          </div>
          <button type="submit" className={styles.button}>
            Preview
          </button>
        </form>
        {preview ? (
          <div className={admin.notice}>
            <p>
              With <strong>{preview.months} months</strong>, <strong>{preview.count}</strong>{" "}
              {preview.count === 1 ? "inquiry" : "inquiries"} received before {day(preview.cutoff)} that never became patients would be
              erased at the next check. This cannot be undone.
            </p>
            <RetentionSaveForm
              action={saveRetentionAction}
              version={settings.version}
              months={preview.months}
              danger={preview.count > 0}
              label={`Turn on retention: erase after ${preview.months} months${preview.count > 0 ? ` (${preview.count} now)` : ""}`}
            />
          </div>
        ) : null}
        {settings.retentionMonths !== null ? (
          <RetentionSaveForm action={saveRetentionAction} version={settings.version} months="off" danger={false} label="Turn retention off" />
        ) : null}
      </section>
      <section className={styles.panel} aria-labelledby="erasure-heading">
        <h2 id="erasure-heading">Erasing one person on request</h2>
        <p>
          Open the person&apos;s inquiry and use “Erase this inquiry” at the bottom of the page. You can erase every inquiry with the same
          email or phone at once. The API does the same: <code>DELETE /api/v1/leads/&#123;id&#125;?person=1</code>.
        </p>
      </section>
    </StaffShell>
  );
}
