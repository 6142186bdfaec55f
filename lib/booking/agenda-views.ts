/** The agenda's views (client-safe). */
export const AGENDA_VIEWS = ["day", "week"] as const;
export type AgendaView = (typeof AGENDA_VIEWS)[number];
