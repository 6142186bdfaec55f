/**
 * Demo consultations (`--demo` only): the demo inquiries that stand at "consultation_booked" get a
 * consultation in the next two weeks, booked through the real path (lib/booking: the clinic's
 * hours, notice and window, the database's overlap guard), so the agenda, the inquiry pages and the
 * slots show booked times from the first run. Idempotent: an inquiry that has any consultation is
 * left alone; when the free times run out the rest stay without one.
 */
import { findSlots } from "@/lib/booking/availability";
import { bookConsultation } from "@/lib/booking/consultations";
import { getClinicProfile } from "@/lib/clinic/store";
import { addLocalDays, localDateOf } from "@/lib/clinic/time";
import type { Db } from "@/lib/db/client";
import { SlotTakenError } from "@/lib/errors";

import type { SeedStep } from "./types";

const DEMO_CONSULTATIONS_MAX = 12;

export async function seedDemoConsultations(db: Db, now: Date = new Date()): Promise<number> {
  const waiting = await db.lead.findMany({
    where: { status: "consultation_booked", mergedIntoId: null, consultations: { none: {} } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true },
    take: DEMO_CONSULTATIONS_MAX,
  });
  if (waiting.length === 0) return 0;
  const settings = await db.consultationSettings.findUnique({ where: { id: "clinic" } });
  if (settings && !settings.inPersonEnabled) return 0;
  const profile = await getClinicProfile(db, 0);
  const today = localDateOf(now, profile.timeZone);
  const { slots } = await findSlots(db, { type: "in_person", from: addLocalDays(today, 1), to: addLocalDays(today, 14), now });
  // Spread over the fortnight: every third free time.
  const picks = slots.filter((_, i) => i % 3 === 0);
  let booked = 0;
  for (const [i, lead] of waiting.entries()) {
    const slot = picks[i];
    if (!slot) break;
    try {
      await bookConsultation(db, { leadId: lead.id, type: "in_person", start: slot.start, actor: { by: "system", userId: null }, now });
      booked++;
    } catch (error) {
      if (!(error instanceof SlotTakenError)) throw error;
    }
  }
  return booked;
}

export const demoConsultationsStep: SeedStep = {
  name: "demo consultations",
  always: false,
  async run(db) {
    return `${await seedDemoConsultations(db)} booked`;
  },
};
