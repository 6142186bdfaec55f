import "server-only";

import type { z } from "zod";

import type { NotificationKind } from "@/lib/notifications/kind";
import { assessmentConfirmed } from "@/lib/notifications/kinds/assessment-confirmed";
import { consultationPatient } from "@/lib/notifications/kinds/consultation-patient";
import { consultationReminder } from "@/lib/notifications/kinds/consultation-reminder";
import { consultationStaff } from "@/lib/notifications/kinds/consultation-staff";
import { followUpDigest } from "@/lib/notifications/kinds/follow-up-digest";
import { leadCreated } from "@/lib/notifications/kinds/lead-created";
import { leadEscalated } from "@/lib/notifications/kinds/lead-escalated";
import { patientConfirmation } from "@/lib/notifications/kinds/patient-confirmation";
import { patientLinks } from "@/lib/notifications/kinds/patient-links";
import { webhookDelivery } from "@/lib/notifications/kinds/webhook-delivery";

/**
 * Every notification kind, by id (docs/decisions/016-notification-registry.md). A new kind is one
 * file in this folder (`defineNotificationKind({ id, payload, channels, onDuplicate, check, email?, webhook? })`)
 * and one entry in this list; the queue and `enqueueNotification` pick it up, typed by its schema.
 */
const KINDS = [
  leadCreated,
  leadEscalated,
  patientConfirmation,
  patientLinks,
  assessmentConfirmed,
  webhookDelivery,
  consultationPatient,
  consultationReminder,
  consultationStaff,
  followUpDigest,
] as const;

type AnyKind = (typeof KINDS)[number];

export type NotificationKindId = AnyKind["id"];

/** The kind of an id, with its own payload schema and content types. */
export type KindOf<K extends NotificationKindId> = Extract<AnyKind, { id: K }>;

/** What `enqueueNotification(tx, kind, payload)` takes for a kind: its schema's input. */
export type PayloadOf<K extends NotificationKindId> = z.input<KindOf<K>["payload"]>;

const BY_ID: ReadonlyMap<string, NotificationKind> = new Map(KINDS.map((kind): [string, NotificationKind] => [kind.id, kind]));
if (BY_ID.size !== KINDS.length) throw new Error("two notification kinds share an id");

/** The kind of a stored row (undefined: a kind this version does not know). */
export function notificationKind(id: string): NotificationKind | undefined {
  return BY_ID.get(id);
}

export const NOTIFICATION_KIND_IDS: readonly NotificationKindId[] = KINDS.map((kind) => kind.id);
