"use client";

import { useTranslations } from "next-intl";
import { useId, useRef, useState } from "react";

// The limits from their zod-free module: the API's schemas would bring zod into the patient page.
import { MAX_PHOTOS_PER_INQUIRY, PHOTO_UPLOAD_TYPES, PHOTO_VIEWS, type PhotoView } from "@/lib/photos/photo-limits";
import type { StoredPhoto } from "@/lib/photos/schemas";
import { resizeForUpload } from "@/lib/photos/resize-in-browser";

import { PhotoGuide } from "./PhotoGuide";
import styles from "./patient-page.module.css";

type ErrorKey = "unreadable" | "tooMany" | "tooLarge" | "network" | "rateLimited" | "generic";

type SlotState =
  | { status: "empty" }
  | { status: "preparing" }
  | { status: "uploading"; percent: number }
  | { status: "sent"; photo: StoredPhoto; fresh: boolean; preview?: string }
  | { status: "error"; error: ErrorKey; blob: Blob; preview?: string }
  | { status: "removed" };

function errorOf(status: number, code: string | undefined): ErrorKey {
  if (status === 409 && code === "TOO_MANY_PHOTOS") return "tooMany";
  if (status === 413) return "tooLarge";
  if (status === 415 || status === 422) return "unreadable";
  if (status === 429) return "rateLimited";
  return "generic";
}

/** POST the blob as the raw body with upload progress (fetch has none); resolves with the stored photo or an error key. */
function send(token: string, view: PhotoView, blob: Blob, onProgress: (percent: number) => void): Promise<{ photo: StoredPhoto } | { error: ErrorKey }> {
  return new Promise((resolve) => {
    const request = new XMLHttpRequest();
    request.open("POST", `/api/v1/my/${encodeURIComponent(token)}/photos?view=${view}`);
    request.setRequestHeader("content-type", blob.type || "image/jpeg");
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(Math.min(99, Math.round((event.loaded / event.total) * 100)));
    };
    request.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(request.responseText);
      } catch {
        body = null;
      }
      if (request.status === 201 && body && typeof body === "object") resolve({ photo: body as StoredPhoto });
      else resolve({ error: errorOf(request.status, (body as { error?: { code?: string } } | null)?.error?.code) });
    };
    request.onerror = () => resolve({ error: "network" });
    request.onabort = () => resolve({ error: "network" });
    request.ontimeout = () => resolve({ error: "network" });
    request.timeout = 60_000;
    request.send(blob);
  });
}

/**
 * "Send photos for a more precise estimate" on the patient's page and on the questionnaire's
 * confirmation screen (components/questionnaire/RequestSent.tsx, right after the request was stored,
 * with the link's token): one guided slot per view (a
 * drawing of the area, a tip), each photo resized on the device (lib/photos/resize-in-browser.ts),
 * sent with progress, and each slot with its own retry and remove. Every change is announced in the
 * slot's live region; an error moves focus to its message. Works with the keyboard (native file
 * inputs and buttons) and a screen reader (each control names its view).
 */
export function PhotoCapture({
  token,
  existing,
  headingLevel = 2,
}: {
  token: string;
  existing: readonly StoredPhoto[];
  /** The section's heading level (the patient's page: 2; the confirmation screen, under its h3: 4); the slots' one below. */
  headingLevel?: 2 | 3 | 4;
}) {
  const t = useTranslations("photos");
  const H = `h${headingLevel}` as "h2" | "h3" | "h4";
  const Sub = `h${headingLevel + 1}` as "h3" | "h4" | "h5";
  const [slots, setSlots] = useState<Record<PhotoView, SlotState>>(() => {
    const initial = Object.fromEntries(PHOTO_VIEWS.map((view) => [view, { status: "empty" } as SlotState])) as Record<PhotoView, SlotState>;
    for (const photo of existing) if (initial[photo.view].status === "empty") initial[photo.view] = { status: "sent", photo, fresh: false };
    return initial;
  });
  const sentCount = PHOTO_VIEWS.filter((view) => slots[view].status === "sent").length;

  const update = (view: PhotoView, state: SlotState) => setSlots((all) => ({ ...all, [view]: state }));

  async function upload(view: PhotoView, blob: Blob, preview: string | undefined) {
    update(view, { status: "uploading", percent: 0 });
    const outcome = await send(token, view, blob, (percent) => update(view, { status: "uploading", percent }));
    if ("photo" in outcome) update(view, { status: "sent", photo: outcome.photo, fresh: true, preview });
    else update(view, { status: "error", error: outcome.error, blob, preview });
  }

  async function choose(view: PhotoView, file: File) {
    const previous = slots[view];
    update(view, { status: "preparing" });
    const blob = await resizeForUpload(file);
    const preview = URL.createObjectURL(blob);
    // Replacing a photo: the new one is sent first, the old one removed once it is stored.
    await upload(view, blob, preview);
    if (previous.status === "sent") await fetch(`/api/v1/my/${encodeURIComponent(token)}/photos/${encodeURIComponent(previous.photo.id)}`, { method: "DELETE" }).catch(() => undefined);
  }

  async function remove(view: PhotoView, photo: StoredPhoto) {
    const response = await fetch(`/api/v1/my/${encodeURIComponent(token)}/photos/${encodeURIComponent(photo.id)}`, { method: "DELETE" }).catch(() => null);
    if (response && (response.ok || response.status === 404)) update(view, { status: "removed" });
    else update(view, { status: "error", error: response ? errorOf(response.status, undefined) : "network", blob: new Blob() });
  }

  return (
    <section aria-labelledby="photos-heading" className={styles.section} data-photo-capture="">
      <H id="photos-heading">{t("heading")}</H>
      <p>{t("intro")}</p>
      <Sub>{t("tipsHeading")}</Sub>
      <ul>
        {(["tip1", "tip2", "tip3", "tip4"] as const).map((key) => (
          <li key={key}>{t(`tips.${key}`)}</li>
        ))}
      </ul>
      <p className={styles.muted}>{t("privacy")}</p>
      <p role="status" aria-live="polite">
        {t("count", { count: sentCount })}
      </p>
      <ol className={styles.photoSlots}>
        {PHOTO_VIEWS.map((view) => (
          <PhotoSlot
            key={view}
            view={view}
            Heading={Sub}
            state={slots[view]}
            full={sentCount >= MAX_PHOTOS_PER_INQUIRY && slots[view].status !== "sent"}
            onChoose={(file) => void choose(view, file)}
            onRetry={(blob, preview) => void upload(view, blob, preview)}
            onRemove={(photo) => void remove(view, photo)}
          />
        ))}
      </ol>
    </section>
  );
}

function PhotoSlot({
  view,
  Heading,
  state,
  full,
  onChoose,
  onRetry,
  onRemove,
}: {
  view: PhotoView;
  Heading: "h3" | "h4" | "h5";
  state: SlotState;
  full: boolean;
  onChoose: (file: File) => void;
  onRetry: (blob: Blob, preview: string | undefined) => void;
  onRemove: (photo: StoredPhoto) => void;
}) {
  const t = useTranslations("photos");
  const id = useId();
  const message = useRef<HTMLParagraphElement>(null);
  const title = t(`views.${view}.title`);
  const busy = state.status === "preparing" || state.status === "uploading";
  const preview = state.status === "sent" || state.status === "error" ? state.preview : undefined;

  const text =
    state.status === "preparing"
      ? t("preparing")
      : state.status === "uploading"
        ? t("uploading", { percent: state.percent })
        : state.status === "sent"
          ? state.fresh
            ? t("sent")
            : t("sentEarlier")
          : state.status === "error"
            ? t(`errors.${state.error}`)
            : state.status === "removed"
              ? t("removed")
              : "";

  return (
    <li className={styles.photoSlot} aria-labelledby={`${id}-title`}>
      <Heading id={`${id}-title`} className={styles.photoSlotTitle}>
        {title}
      </Heading>
      <div className={styles.photoSlotBody}>
        {preview ? (
          // eslint-disable-next-line @next/next/no-img-element -- a local preview (blob:), never uploaded anywhere else
          <img src={preview} alt="" width={96} height={96} className={styles.photoPreview} />
        ) : (
          <PhotoGuide view={view} label={t("guideAlt", { view: title })} />
        )}
        <div>
          <p id={`${id}-tip`}>{t(`views.${view}.tip`)}</p>
          <label htmlFor={`${id}-file`} className={styles.photoLabel}>
            {state.status === "sent" ? t("replace") : t("choose")}
            <span className="visually-hidden"> – {t("chooseLabel", { view: title })}</span>
          </label>
          <input
            id={`${id}-file`}
            type="file"
            accept={PHOTO_UPLOAD_TYPES.join(",")}
            aria-describedby={`${id}-tip ${id}-msg`}
            disabled={busy || full}
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = "";
              if (file) onChoose(file);
            }}
          />
          {state.status === "uploading" ? <progress max={100} value={state.percent} aria-labelledby={`${id}-msg`} className={styles.photoProgress} /> : null}
          <p
            id={`${id}-msg`}
            ref={(node) => {
              message.current = node;
              if (node && state.status === "error") node.focus();
            }}
            tabIndex={-1}
            role={state.status === "error" ? "alert" : "status"}
            className={state.status === "error" ? styles.photoError : undefined}
          >
            {text}
          </p>
          {state.status === "error" && state.blob.size > 0 ? (
            <button type="button" className="button" aria-label={`${t("retry")} – ${title}`} onClick={() => onRetry(state.blob, state.preview)}>
              {t("retry")}
            </button>
          ) : null}
          {state.status === "sent" ? (
            <button type="button" className="button button-secondary" aria-label={`${t("remove")} – ${title}`} onClick={() => onRemove(state.photo)}>
              {t("remove")}
            </button>
          ) : null}
        </div>
      </div>
    </li>
  );
}
