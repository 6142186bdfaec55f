import "server-only";

import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from "ical-generator";

/**
 * The consultation's calendar invite (RFC 5545/5546, issue 20): built with ical-generator at
 * sending time from the consultation as it is then. One UID per consultation for its whole life
 * (`consultation-<id>@<app host>`), SEQUENCE = the consultation's ICS sequence (up on every move and
 * on the cancel), UTC times, the clinic as organizer, METHOD equal to the MIME `method` parameter of
 * the attachment: REQUEST for the booking and a move, CANCEL (with STATUS:CANCELLED) to withdraw it.
 * The library writes CRLF line ends and folds lines at 75 octets.
 *
 * Only what the patient already knows goes in it: the clinic, the kind of consultation and the time.
 * No answers, verdict or price.
 */

export type InviteMethod = "REQUEST" | "CANCEL";

export interface InviteInput {
  consultationId: string;
  method: InviteMethod;
  sequence: number;
  start: Date;
  end: Date;
  summary: string;
  description: string;
  /** The clinic's address on one line (in person), or null. */
  location: string | null;
  organizer: { name: string; email: string };
  attendee: { name: string; email: string };
  /** The public URL of the app: its host makes the UID globally unique. */
  appUrl: string;
  /** DTSTAMP: this sending. */
  now: Date;
}

function hostOf(appUrl: string): string {
  try {
    return new URL(appUrl).hostname || "smp-estimator.invalid";
  } catch {
    return "smp-estimator.invalid";
  }
}

/** The stable UID of a consultation's invite. */
export function consultationUid(consultationId: string, appUrl: string): string {
  return `consultation-${consultationId}@${hostOf(appUrl)}`;
}

/** The MIME type of the attachment; its `method` equals the invite's METHOD. */
export function inviteContentType(method: InviteMethod): string {
  return `text/calendar; method=${method}; charset=utf-8`;
}

/** The .ics text. */
export function consultationInvite(input: InviteInput): string {
  const calendar = ical({
    prodId: { company: "SMP Estimator", product: "Consultations", language: "EN" },
    method: input.method === "CANCEL" ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
  });
  calendar.createEvent({
    id: consultationUid(input.consultationId, input.appUrl),
    sequence: input.sequence,
    stamp: input.now,
    start: input.start,
    end: input.end,
    summary: input.summary,
    description: input.description,
    ...(input.location ? { location: input.location } : {}),
    organizer: { name: input.organizer.name, email: input.organizer.email },
    attendees: [
      {
        name: input.attendee.name,
        email: input.attendee.email,
        role: ICalAttendeeRole.REQ,
        status: input.method === "CANCEL" ? ICalAttendeeStatus.DECLINED : ICalAttendeeStatus.ACCEPTED,
      },
    ],
    status: input.method === "CANCEL" ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  });
  return calendar.toString();
}

/** The attachment handed to the e-mail channel. */
export function inviteAttachment(input: InviteInput): { filename: string; contentType: string; content: string } {
  return {
    filename: input.method === "CANCEL" ? "consultation-cancelled.ics" : "consultation.ics",
    contentType: inviteContentType(input.method),
    content: consultationInvite(input),
  };
}
