import { z } from "zod";

import { AGENDA_VIEWS } from "@/lib/booking/agenda-views";
import { isCalendarDate } from "@/lib/clinic/schemas";

/** The agenda page's query (/staff/agenda?view=week&date=2026-12-08&consultant=<id>|clinic). Client-safe. */
export const agendaQuerySchema = z.strictObject({
  view: z.enum(AGENDA_VIEWS).default("day"),
  date: z.string().refine(isCalendarDate, { error: "Enter a date as YYYY-MM-DD." }).optional(),
  /** A consultant's id, or "clinic" (the clinic's own calendar); absent: everyone. */
  consultant: z.string().min(1).max(64).optional(),
});
export type AgendaQuery = z.output<typeof agendaQuerySchema>;
