// Type only: the frame's first download must not pull in the result schema (zod).
import type { CandidacyStatus } from "@/lib/candidacy/result";

/**
 * The messages between the assessment frame (/embed/assessment) and the embed script on the
 * clinic's page (public/embed.js). The script is plain JavaScript that cannot import this file:
 * it repeats these shapes, and tests/unit/embed/ runs it against messages built here, so a change
 * on one side without the other fails.
 *
 * Origins are checked on both sides: the frame posts only to the parent origin the server
 * validated against EMBED_ALLOWED_ORIGINS (postMessage's targetOrigin, so a browser delivers
 * nothing to any other parent); the script accepts a message only from the app's origin (known
 * from its own src) and from its own iframe's window.
 */

/** Marks every message, so unrelated postMessage traffic on a host page is ignored. */
export const EMBED_MESSAGE_MARK = "smp-estimator";

export const HOST_EVENT_NAMES = ["completed", "consultation-requested"] as const;
export type HostEventName = (typeof HOST_EVENT_NAMES)[number];

/** What the host page may learn: the verdict and, after a request, the inquiry's reference. Nothing personal. */
export type HostEventDetail = { status: CandidacyStatus; reference?: string };

export type FrameMessage =
  /** The frame's content height in CSS pixels: the script sets the iframe to it. */
  | { mark: typeof EMBED_MESSAGE_MARK; type: "resize"; height: number }
  /** A new step began: the script brings the frame's top into view when it is above the viewport. */
  | { mark: typeof EMBED_MESSAGE_MARK; type: "step" }
  /** Dispatched on the host window as `smp:<name>` with `detail`. */
  | { mark: typeof EMBED_MESSAGE_MARK; type: "event"; name: HostEventName; detail: HostEventDetail };

/** Upper bound for a height the script accepts (a broken layout must not make a 10-million-pixel frame). */
export const MAX_FRAME_HEIGHT = 20_000;
export const MAX_REFERENCE_LENGTH = 64;

export const resizeMessage = (height: number): FrameMessage => ({
  mark: EMBED_MESSAGE_MARK,
  type: "resize",
  height: Math.min(Math.max(Math.ceil(height), 1), MAX_FRAME_HEIGHT),
});

export const stepMessage = (): FrameMessage => ({ mark: EMBED_MESSAGE_MARK, type: "step" });

export function eventMessage(name: HostEventName, status: CandidacyStatus, reference?: string): FrameMessage {
  return { mark: EMBED_MESSAGE_MARK, type: "event", name, detail: reference ? { status, reference } : { status } };
}
