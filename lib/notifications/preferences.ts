import "server-only";

import { z } from "zod";

import { recordAudit } from "@/lib/audit/record";
import type { Db } from "@/lib/db/client";
import { NOTIFICATION_KIND_IDS, notificationKind } from "@/lib/notifications/kinds";

/**
 * Each staff member's notification preferences (/staff/account/notifications): a kind that declares
 * `staffOptOut` (lib/notifications/kind.ts) can be turned off per person; a NotificationOptOut row
 * (userId, kind) means off, none means on (the default). The kind's sending code reads it (the morning
 * follow-up list: its queue run and its check). Changes are audited ("staff_notifications_changed").
 */

export interface NotificationPreference {
  kind: string;
  label: string;
  hint: string;
  on: boolean;
}

/** The kinds a staff member may turn off, in registry order. */
export function optionalStaffKinds(): { kind: string; label: string; hint: string }[] {
  return NOTIFICATION_KIND_IDS.flatMap((id) => {
    const optOut = notificationKind(id)?.staffOptOut;
    return optOut ? [{ kind: id, label: optOut.label, hint: optOut.hint }] : [];
  });
}

export async function notificationPreferencesOf(db: Db, userId: string): Promise<NotificationPreference[]> {
  const off = new Set((await db.notificationOptOut.findMany({ where: { userId }, select: { kind: true } })).map((r) => r.kind));
  return optionalStaffKinds().map((k) => ({ ...k, on: !off.has(k.kind) }));
}

/** The form: the kinds ticked "on" (every optional kind not ticked is off). */
export const notificationPreferencesSchema = z.strictObject({
  on: z.array(z.string().max(64), { error: "Choose which notifications you want." }).max(50),
});
export type NotificationPreferencesInput = z.infer<typeof notificationPreferencesSchema>;

export function notificationPreferencesFromForm(form: FormData): unknown {
  return { on: form.getAll("on").filter((v): v is string => typeof v === "string") };
}

/** Saves the person's choices for every optional kind; answers which kinds changed. */
export async function saveNotificationPreferences(db: Db, userId: string, input: NotificationPreferencesInput): Promise<number> {
  const wanted = new Set(input.on);
  return await db.$transaction(async (tx) => {
    const off = new Set((await tx.notificationOptOut.findMany({ where: { userId }, select: { kind: true } })).map((r) => r.kind));
    let changed = 0;
    for (const { kind } of optionalStaffKinds()) {
      const on = wanted.has(kind);
      if (on === !off.has(kind)) continue;
      if (on) await tx.notificationOptOut.deleteMany({ where: { userId, kind } });
      else await tx.notificationOptOut.upsert({ where: { userId_kind: { userId, kind } }, create: { userId, kind }, update: {} });
      await recordAudit(tx, { actorId: userId, type: "staff_notifications_changed", data: { userId, kind, on } });
      changed++;
    }
    return changed;
  });
}
export const NOTIFICATION_PREFERENCES_PATH = "/staff/account/notifications";
