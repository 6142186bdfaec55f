import "server-only";

import { z } from "zod";

import { clinicContactOf, type ClinicContact, type ContactLocale } from "@/lib/clinic/contact";
import { getClinicProfile } from "@/lib/clinic/store";
import { defineNotificationKind, drop, escapeHtml, requireLeadId, send } from "@/lib/notifications/kind";
import { issueAccessToken } from "@/lib/patient-access/tokens";

/**
 * The patient's confirmation e-mail (issue 9): queued in the outbox in the same transaction as the
 * inquiry (kind PATIENT_CONFIRMATION, by the lead write path) when the clinic has e-mail configured,
 * sent by the outbox worker in the patient's language. It says that the request arrived, gives the reference, what
 * happens next (with the clinic's reply-time promise) and how to reach the clinic. It never carries
 * an answer, a health detail, a verdict or a price: an inbox is not a safe place for health data,
 * and the clinic's doctor, not an e-mail, gives the assessment.
 *
 * The address, first name, reference, language and preferred contact are read from the Lead row at
 * sending time (the outbox row holds no contact data), and the clinic's details from its profile.
 * An inquiry that no longer has an address (merged into another, erased) is settled without sending
 * (its check answers "drop").
 */

export const PATIENT_CONFIRMATION = "patient_confirmation";

/** Empty: everything the e-mail says is read when it is sent, so no copy of contact details sits in the outbox. */
export const patientConfirmationPayloadSchema = z.object({});

type PreferredContact = "phone" | "email" | "sms";

interface ConfirmationWords {
  subject: (clinic: string, reference: string | null) => string;
  greeting: (firstName: string) => string;
  received: (clinic: string) => string;
  referenceLabel: string;
  referenceHint: string;
  pageHeading: string;
  page: string;
  pageKeep: string;
  nextHeading: string;
  next: (clinic: string, replyPromise: string, method: string) => string;
  method: Readonly<Record<PreferredContact, string>>;
  nothingToDo: string;
  contactHeading: string;
  phone: string;
  email: string;
  address: string;
  hours: string;
  why: (clinic: string) => string;
}

/** Every sentence in both languages (a missing translation does not compile). Spanish speaks as the site does (usted). */
export const CONFIRMATION_WORDS: Readonly<Record<ContactLocale, ConfirmationWords>> = {
  en: {
    subject: (clinic, reference) => (reference ? `We received your request (${reference}) – ${clinic}` : `We received your request – ${clinic}`),
    greeting: (firstName) => `Hello ${firstName},`,
    received: (clinic) => `Thank you for getting in touch. ${clinic} has received your request for a consultation.`,
    referenceLabel: "Your reference:",
    referenceHint: "If you call or write to us, mention it and we will find your request straight away.",
    pageHeading: "Your own page",
    page: "Everything we told you, and where your request stands, is on your own page:",
    pageKeep: "Keep this link to yourself: anyone who has it can open your page. If you lose it, you can ask for a new one on our website.",
    nextHeading: "What happens next",
    next: (clinic, replyPromise, method) =>
      `Someone from ${clinic} will get back to you ${replyPromise}, by ${method} as you asked, to talk about your questions and arrange a consultation if you would like one.`,
    method: { phone: "phone", email: "email", sms: "text message" },
    nothingToDo:
      "There is nothing else you need to do now. If you would like to add something, or if you have changed your mind, simply reply to this email or give us a call.",
    contactHeading: "How to reach us",
    phone: "Phone:",
    email: "Email:",
    address: "Address:",
    hours: "Opening hours:",
    why: (clinic) =>
      `You are receiving this email because a consultation with ${clinic} was requested on its website with this address. If that was not you, please tell us and we will delete the request.`,
  },
  es: {
    subject: (clinic, reference) => (reference ? `Hemos recibido su solicitud (${reference}) – ${clinic}` : `Hemos recibido su solicitud – ${clinic}`),
    greeting: (firstName) => `Hola, ${firstName}:`,
    received: (clinic) => `Gracias por escribirnos. ${clinic} ha recibido su solicitud de consulta.`,
    referenceLabel: "Su referencia:",
    referenceHint: "Si nos llama o nos escribe, menciónela y encontraremos su solicitud enseguida.",
    pageHeading: "Su propia página",
    page: "Todo lo que le dijimos, y en qué punto está su solicitud, está en su propia página:",
    pageKeep: "No comparta este enlace: cualquier persona que lo tenga puede abrir su página. Si lo pierde, puede pedir uno nuevo en nuestro sitio web.",
    nextHeading: "Qué pasa ahora",
    next: (clinic, replyPromise, method) =>
      `Una persona de ${clinic} le responderá ${replyPromise}, por ${method}, como usted indicó, para hablar de sus preguntas y organizar una consulta si lo desea.`,
    method: { phone: "teléfono", email: "correo electrónico", sms: "mensaje de texto" },
    nothingToDo:
      "No tiene que hacer nada más por ahora. Si quiere añadir algo, o si ha cambiado de opinión, responda a este correo o llámenos.",
    contactHeading: "Cómo contactarnos",
    phone: "Teléfono:",
    email: "Correo electrónico:",
    address: "Dirección:",
    hours: "Horario:",
    why: (clinic) =>
      `Recibe este correo porque en el sitio web de ${clinic} se pidió una consulta con esta dirección. Si no fue usted, avísenos y borraremos la solicitud.`,
  },
};

export interface ConfirmationRecipient {
  firstName: string;
  reference: string | null;
  locale: string;
  preferredContact: string;
  /** The patient's own page (a link issued for this e-mail); omitted: the e-mail has no page section. */
  pageUrl?: string;
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

function localeOf(value: string): ContactLocale {
  return value === "es" ? "es" : "en";
}

function methodOf(value: string): PreferredContact {
  return value === "email" || value === "sms" ? value : "phone";
}

/** The e-mail in the patient's language, as plain text and HTML (every value escaped in the HTML). */
export function patientConfirmationEmail(recipient: ConfirmationRecipient, clinic: ClinicContact): RenderedEmail {
  const locale = localeOf(recipient.locale);
  const w = CONFIRMATION_WORDS[locale];
  const method = w.method[methodOf(recipient.preferredContact)];
  const next = w.next(clinic.name, clinic.replyPromise, method);

  const text = [
    w.greeting(recipient.firstName),
    "",
    w.received(clinic.name),
    "",
    ...(recipient.reference ? [`${w.referenceLabel} ${recipient.reference}`, w.referenceHint, ""] : []),
    ...(recipient.pageUrl ? [w.pageHeading, w.page, recipient.pageUrl, w.pageKeep, ""] : []),
    w.nextHeading,
    next,
    w.nothingToDo,
    "",
    w.contactHeading,
    clinic.name,
    `${w.phone} ${clinic.phoneDisplay}`,
    `${w.email} ${clinic.email}`,
    `${w.address} ${clinic.addressLines.join(", ")}`,
    w.hours,
    ...clinic.hours.map((line) => `  ${line}`),
    "",
    "--",
    w.why(clinic.name),
  ].join("\n");

  const e = escapeHtml;
  const html = [
    `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${e(w.subject(clinic.name, recipient.reference))}</title></head>`,
    `<body style="font-family: Arial, Helvetica, sans-serif; font-size: 16px; line-height: 1.5; color: #1a1a1a; max-width: 600px;">`,
    `<p>${e(w.greeting(recipient.firstName))}</p>`,
    `<p>${e(w.received(clinic.name))}</p>`,
    recipient.reference
      ? `<p>${e(w.referenceLabel)} <strong style="font-size: 18px; letter-spacing: 1px;">${e(recipient.reference)}</strong><br>${e(w.referenceHint)}</p>`
      : "",
    recipient.pageUrl
      ? [
          `<h2 style="font-size: 18px; margin: 24px 0 8px;">${e(w.pageHeading)}</h2>`,
          `<p>${e(w.page)}<br><a href="${e(recipient.pageUrl)}">${e(recipient.pageUrl)}</a></p>`,
          `<p>${e(w.pageKeep)}</p>`,
        ].join("\n")
      : "",
    `<h2 style="font-size: 18px; margin: 24px 0 8px;">${e(w.nextHeading)}</h2>`,
    `<p>${e(next)}</p>`,
    `<p>${e(w.nothingToDo)}</p>`,
    `<h2 style="font-size: 18px; margin: 24px 0 8px;">${e(w.contactHeading)}</h2>`,
    `<p><strong>${e(clinic.name)}</strong><br>`,
    `${e(w.phone)} <a href="tel:${e(clinic.phone)}">${e(clinic.phoneDisplay)}</a><br>`,
    `${e(w.email)} <a href="mailto:${e(clinic.email)}">${e(clinic.email)}</a><br>`,
    `${e(w.address)} ${clinic.addressLines.map(e).join(", ")}</p>`,
    `<p>${e(w.hours)}<br>${clinic.hours.map(e).join("<br>")}</p>`,
    `<p style="font-size: 13px; color: #555555; margin-top: 32px;">${e(w.why(clinic.name))}</p>`,
    `</body></html>`,
  ].join("\n");

  return { subject: w.subject(clinic.name, recipient.reference), text, html };
}

export const patientConfirmation = defineNotificationKind({
  id: PATIENT_CONFIRMATION,
  payload: patientConfirmationPayloadSchema,
  channels: ["email"],
  onDuplicate: "keep",
  /**
   * Still an inquiry with an address? Reads the recipient and the clinic's details for the e-mail,
   * and issues the link to the patient's own page it carries: only a hash of each link is stored, so
   * each attempt's e-mail gets its own (lib/patient-access/tokens.ts).
   */
  check: async (db, message) => {
    const leadId = requireLeadId(message);
    const lead = await db.lead.findUnique({
      where: { id: leadId },
      select: { email: true, firstName: true, reference: true, locale: true, preferredContact: true, mergedIntoId: true },
    });
    if (!lead || lead.mergedIntoId !== null || lead.email.trim() === "") return drop("nothing to send any more");
    const profile = await getClinicProfile(db);
    const { url: pageUrl } = await issueAccessToken(db, leadId, "confirmation_email");
    return send({ lead: { ...lead, pageUrl }, replyTo: profile.email, clinic: clinicContactOf(profile, localeOf(lead.locale)) });
  },
  email: ({ context: { lead, replyTo, clinic } }) => ({ to: [lead.email], replyTo, ...patientConfirmationEmail(lead, clinic) }),
});
