import type { CandidacyResult } from "@/lib/candidacy/result";
import { ELIGIBILITY_LABELS } from "@/lib/candidacy/result";
import type { LeadPhotoList } from "@/lib/photos/schemas";
import { formatDateTime, formatPriceRange } from "@/lib/workspace/format";

import { AssessmentForm, type StoredAssessment } from "./AssessmentForm";
import { DocumentUpload } from "./DocumentUpload";
import type { LeadAction } from "./LeadForms";
import styles from "./staff.module.css";

const VIEW_LABELS = { front: "Front hairline", top: "Top", crown: "Crown", back: "Back (donor area)", scar: "Scar" } as const;

/**
 * The inquiry page's photos, clearance letter and assessment (issue 21, decision 023). Thumbnails
 * only (a few KB each; every one fetched is an audited view); the full size opens on demand. No
 * image has a public address: each comes from the authorised route under /api/v1/leads/{id}.
 */
export function LeadPhotos({
  leadId,
  version,
  list,
  assessment,
  confirmedResult,
  action,
}: {
  leadId: string;
  version: number;
  list: LeadPhotoList;
  assessment: StoredAssessment | null;
  confirmedResult: CandidacyResult | null;
  action: LeadAction;
}) {
  const base = `/api/v1/leads/${encodeURIComponent(leadId)}`;
  return (
    <section className={styles.panel} aria-labelledby="photos-heading">
      <h2 id="photos-heading">Photos and assessment</h2>
      {list.photos.length === 0 ? (
        <p className={styles.muted}>The patient has not sent photos.</p>
      ) : (
        <ul className={styles.photoGrid}>
          {list.photos.map((photo) => (
            <li key={photo.id}>
              <a href={`${base}/photos/${encodeURIComponent(photo.id)}?size=full`} target="_blank" rel="noopener">
                {/* eslint-disable-next-line @next/next/no-img-element -- an authorised, audited route: not for Next's image optimiser */}
                <img
                  src={`${base}/photos/${encodeURIComponent(photo.id)}?size=thumb`}
                  alt={`${VIEW_LABELS[photo.view]} photo, sent ${formatDateTime(photo.createdAt)}`}
                  width={Math.round((photo.width / Math.max(photo.width, photo.height)) * 160)}
                  height={Math.round((photo.height / Math.max(photo.width, photo.height)) * 160)}
                  loading="lazy"
                />
                <span>
                  {VIEW_LABELS[photo.view]} <span className={styles.visuallyHidden}>(open full size in a new tab)</span>
                </span>
              </a>
            </li>
          ))}
        </ul>
      )}

      <h3>Clearance letter</h3>
      {list.documents.length === 0 ? (
        <p className={styles.muted}>No letter attached.</p>
      ) : (
        <ul>
          {list.documents.map((doc) => (
            <li key={doc.id}>
              <a href={`${base}/documents/${encodeURIComponent(doc.id)}`} {...(doc.contentType === "application/pdf" ? { download: true } : { target: "_blank", rel: "noopener" })}>
                Dermatologist&apos;s clearance letter ({doc.contentType === "application/pdf" ? "PDF, download" : "image"}, {Math.max(1, Math.round(doc.bytes / 1024))} KB)
              </a>{" "}
              <span className={styles.muted}>attached {formatDateTime(doc.createdAt)}</span>
            </li>
          ))}
        </ul>
      )}
      <DocumentUpload leadId={leadId} />

      <h3>Confirmed estimate</h3>
      {confirmedResult && assessment ? (
        <dl className={styles.definitions}>
          <dt>Verdict</dt>
          <dd>{ELIGIBILITY_LABELS[confirmedResult.status]}</dd>
          <dt>Price</dt>
          <dd>
            {formatPriceRange(confirmedResult.price.minUsd, confirmedResult.price.maxUsd)} · {confirmedResult.price.label} (table version {confirmedResult.price.tableVersion})
          </dd>
          <dt>Confirmed</dt>
          <dd>{formatDateTime(assessment.assessedAt)}</dd>
          {assessment.note ? (
            <>
              <dt>Note</dt>
              <dd>{assessment.note}</dd>
            </>
          ) : null}
        </dl>
      ) : (
        <p className={styles.muted}>Not confirmed yet. The patient&apos;s own estimate stands.</p>
      )}
      <AssessmentForm action={action} leadId={leadId} version={version} assessment={assessment} />
    </section>
  );
}
