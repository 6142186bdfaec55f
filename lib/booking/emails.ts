import "server-only";

import type { ClinicContact, ContactLocale } from "@/lib/clinic/contact";
import type { ConsultationType } from "@/lib/booking/schemas";
import { escapeHtml } from "@/lib/notifications/kind";

/**
 * The patient's consultation e-mails (issue 20 item 5), in the inquiry's language: booked (with the
 * invite), moved (the invite updated), cancelled (the invite withdrawn) and the reminder. Like every
 * patient e-mail they carry no answer, health detail, verdict or price: the first name, the kind of
 * consultation, the time in the clinic's time zone (named), the clinic's contact and a link to the
 * patient's own page.
 */

export type PatientConsultationEmailKind = "booked" | "moved" | "cancelled" | "reminder";

export interface ConsultationEmailInput {
  kind: PatientConsultationEmailKind;
  locale: ContactLocale;
  firstName: string;
  type: ConsultationType;
  startsAt: Date;
  /** Moved: the time it had before. */
  previousStartsAt?: Date | null;
  timeZone: string;
  clinic: ClinicContact;
  /** The patient's own page (a link issued for this e-mail). */
  pageUrl: string;
}

export interface RenderedConsultationEmail {
  subject: string;
  text: string;
  html: string;
}

/**
 * The instant as the clinic's wall clock, the zone named: "Tuesday, January 5, 2027 at 9:00 AM
 * (Pacific Standard Time, America/Los_Angeles)". The e-mail's text and its invite name the same instant.
 */
export function clinicWallTime(instant: Date, timeZone: string, locale: ContactLocale): string {
  const tag = locale === "es" ? "es-ES" : "en-US";
  const clean = (s: string) => s.replace(/[\u202f\u00a0]/g, " ");
  const date = clean(new Intl.DateTimeFormat(tag, { timeZone, weekday: "long", year: "numeric", month: "long", day: "numeric" }).format(instant));
  const time = clean(new Intl.DateTimeFormat(tag, { timeZone, hour: "numeric", minute: "2-digit", hour12: locale === "en" }).format(instant));
  const zoneName = new Intl.DateTimeFormat(tag, { timeZone, timeZoneName: "long" }).formatToParts(instant).find((p) => p.type === "timeZoneName")?.value;
  const zone = zoneName ? `${clean(zoneName)}, ${timeZone}` : timeZone;
  return locale === "es" ? `${date}, a las ${time} (${zone})` : `${date} at ${time} (${zone})`;
}

interface Words {
  typeLabel: Record<ConsultationType, string>;
  greeting: (firstName: string) => string;
  subject: Record<PatientConsultationEmailKind, (clinic: string) => string>;
  intro: Record<PatientConsultationEmailKind, (type: string, clinic: string) => string>;
  previously: (when: string) => string;
  address: string;
  byPhone: string;
  byVideo: string;
  invite: Record<"booked" | "moved" | "cancelled", string>;
  pageBooked: string;
  pageCancelled: string;
  keep: string;
  questions: (phone: string) => string;
  inviteSummary: (clinic: string) => string;
}

export const CONSULTATION_EMAIL_WORDS: Readonly<Record<ContactLocale, Words>> = {
  en: {
    typeLabel: { in_person: "in-person", video: "video", phone: "phone" },
    greeting: (firstName) => `Hello ${firstName},`,
    subject: {
      booked: (clinic) => `Your consultation is booked – ${clinic}`,
      moved: (clinic) => `Your consultation has a new time – ${clinic}`,
      cancelled: (clinic) => `Your consultation has been cancelled – ${clinic}`,
      reminder: (clinic) => `Reminder: your consultation at ${clinic}`,
    },
    intro: {
      booked: (type, clinic) => `Your ${type} consultation with ${clinic} is booked for:`,
      moved: (type, clinic) => `Your ${type} consultation with ${clinic} has moved. The new time is:`,
      cancelled: (type, clinic) => `Your ${type} consultation with ${clinic} has been cancelled. It was booked for:`,
      reminder: (type, clinic) => `This is a reminder of your ${type} consultation with ${clinic}:`,
    },
    previously: (when) => `It was booked for ${when}.`,
    address: "Address:",
    byPhone: "We will call you at this time on the phone number you gave us.",
    byVideo: "We will send you the link for the video call before this time.",
    invite: {
      booked: "The invitation attached to this email adds the consultation to your calendar.",
      moved: "The invitation attached to this email moves the consultation in your calendar.",
      cancelled: "The invitation attached to this email removes the consultation from your calendar.",
    },
    pageBooked: "To change or cancel it, open your page:",
    pageCancelled: "To book another time, open your page:",
    keep: "Keep this link to yourself: anyone who has it can open your page.",
    questions: (phone) => `Questions? Call us on ${phone}.`,
    inviteSummary: (clinic) => `Consultation – ${clinic}`,
  },
  es: {
    typeLabel: { in_person: "presencial", video: "por videollamada", phone: "por teléfono" },
    greeting: (firstName) => `Hola, ${firstName}:`,
    subject: {
      booked: (clinic) => `Su consulta está reservada – ${clinic}`,
      moved: (clinic) => `Su consulta tiene una nueva hora – ${clinic}`,
      cancelled: (clinic) => `Su consulta ha sido cancelada – ${clinic}`,
      reminder: (clinic) => `Recordatorio: su consulta en ${clinic}`,
    },
    intro: {
      booked: (type, clinic) => `Su consulta ${type} con ${clinic} está reservada para:`,
      moved: (type, clinic) => `Su consulta ${type} con ${clinic} ha cambiado de hora. La nueva hora es:`,
      cancelled: (type, clinic) => `Su consulta ${type} con ${clinic} ha sido cancelada. Estaba reservada para:`,
      reminder: (type, clinic) => `Le recordamos su consulta ${type} con ${clinic}:`,
    },
    previously: (when) => `Antes estaba reservada para el ${when}.`,
    address: "Dirección:",
    byPhone: "Le llamaremos a esta hora al número de teléfono que nos dio.",
    byVideo: "Le enviaremos el enlace de la videollamada antes de esta hora.",
    invite: {
      booked: "La invitación adjunta a este correo añade la consulta a su calendario.",
      moved: "La invitación adjunta a este correo cambia la hora de la consulta en su calendario.",
      cancelled: "La invitación adjunta a este correo quita la consulta de su calendario.",
    },
    pageBooked: "Para cambiarla o cancelarla, abra su página:",
    pageCancelled: "Para reservar otra hora, abra su página:",
    keep: "No comparta este enlace: cualquier persona que lo tenga puede abrir su página.",
    questions: (phone) => `¿Tiene preguntas? Llámenos al ${phone}.`,
    inviteSummary: (clinic) => `Consulta – ${clinic}`,
  },
};

/** Where it happens, one line: the clinic's address in person, else how. */
function whereLine(input: ConsultationEmailInput): string {
  const w = CONSULTATION_EMAIL_WORDS[input.locale];
  if (input.type === "in_person") return `${w.address} ${input.clinic.addressLines.join(", ")}`;
  return input.type === "phone" ? w.byPhone : w.byVideo;
}

/** The invite's SUMMARY and DESCRIPTION in the patient's language (no health details). */
export function inviteWords(input: Pick<ConsultationEmailInput, "locale" | "type" | "clinic">): { summary: string; description: string; location: string | null } {
  const w = CONSULTATION_EMAIL_WORDS[input.locale];
  return {
    summary: w.inviteSummary(input.clinic.name),
    description: `${w.intro.booked(w.typeLabel[input.type], input.clinic.name).replace(/:$/, ".")} ${w.questions(input.clinic.phoneDisplay)}`,
    location: input.type === "in_person" ? input.clinic.addressLines.join(", ") : null,
  };
}

export function consultationEmail(input: ConsultationEmailInput): RenderedConsultationEmail {
  const w = CONSULTATION_EMAIL_WORDS[input.locale];
  const clinic = input.clinic;
  const when = clinicWallTime(input.startsAt, input.timeZone, input.locale);
  const intro = w.intro[input.kind](w.typeLabel[input.type], clinic.name);
  const previously = input.kind === "moved" && input.previousStartsAt ? w.previously(clinicWallTime(input.previousStartsAt, input.timeZone, input.locale)) : null;
  const where = input.kind === "cancelled" ? null : whereLine(input);
  const invite = input.kind === "reminder" ? null : w.invite[input.kind];
  const page = input.kind === "cancelled" ? w.pageCancelled : w.pageBooked;
  const subject = w.subject[input.kind](clinic.name);

  const text = [
    w.greeting(input.firstName),
    "",
    intro,
    when,
    ...(where ? [where] : []),
    ...(previously ? ["", previously] : []),
    ...(invite ? ["", invite] : []),
    "",
    page,
    input.pageUrl,
    w.keep,
    "",
    w.questions(clinic.phoneDisplay),
    clinic.name,
  ].join("\n");

  const e = escapeHtml;
  const html = [
    `<!doctype html><html lang="${input.locale}"><head><meta charset="utf-8"><title>${e(subject)}</title></head>`,
    `<body style="font-family: Arial, Helvetica, sans-serif; font-size: 16px; line-height: 1.5; color: #1a1a1a; max-width: 600px;">`,
    `<p>${e(w.greeting(input.firstName))}</p>`,
    `<p>${e(intro)}<br><strong>${e(when)}</strong>${where ? `<br>${e(where)}` : ""}</p>`,
    previously ? `<p>${e(previously)}</p>` : "",
    invite ? `<p>${e(invite)}</p>` : "",
    `<p>${e(page)}<br><a href="${e(input.pageUrl)}">${e(input.pageUrl)}</a></p>`,
    `<p>${e(w.keep)}</p>`,
    `<p>${e(w.questions(clinic.phoneDisplay))}<br>${e(clinic.name)}</p>`,
    `</body></html>`,
  ].join("\n");

  return { subject, text, html };
}
