import { STATUSES, type CandidacyStatus } from "@/lib/candidacy/result";

import { EMBED_MESSAGE_MARK, HOST_EVENT_NAMES, MAX_FRAME_HEIGHT, MAX_REFERENCE_LENGTH, eventMessage, resizeMessage, stepMessage, type FrameMessage, type HostEventName } from "./protocol";

/*
 * The receiving side of lib/embed/protocol.ts in TypeScript, for the admin's live preview (the
 * staff page listening to its own preview frame). public/embed.js applies the same rules.
 */

const isStatus = (value: unknown): value is CandidacyStatus =>
  typeof value === "string" && (STATUSES as readonly string[]).includes(value);

/**
 * The message, rebuilt from known fields only, or null for anything else. The script applies the
 * same rules; the host page's event detail never carries a field the frame did not mean to send.
 */
export function readFrameMessage(data: unknown): FrameMessage | null {
  if (data === null || typeof data !== "object") return null;
  const m = data as Record<string, unknown>;
  if (m.mark !== EMBED_MESSAGE_MARK) return null;
  if (m.type === "resize") {
    const h = m.height;
    return typeof h === "number" && Number.isFinite(h) && h > 0 && h <= MAX_FRAME_HEIGHT ? resizeMessage(h) : null;
  }
  if (m.type === "step") return stepMessage();
  if (m.type === "event") {
    const name = m.name;
    const detail = m.detail as Record<string, unknown> | null | undefined;
    if (!(HOST_EVENT_NAMES as readonly unknown[]).includes(name) || !detail || !isStatus(detail.status)) return null;
    const ref = detail.reference;
    const reference = typeof ref === "string" && ref.length > 0 && ref.length <= MAX_REFERENCE_LENGTH ? ref : undefined;
    return eventMessage(name as HostEventName, detail.status, reference);
  }
  return null;
}
