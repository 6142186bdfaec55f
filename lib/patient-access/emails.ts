import "server-only";

import type { ClinicContact, ContactLocale } from "@/lib/clinic/contact";
import { PATIENT_LINK_DAYS } from "@/lib/patient-access/tokens";

/**
 * The patient's own-page e-mails, in the patient's language: the links they asked for ("Lost your
 * link?") and the confirmation that their inquiry was erased. Like the request confirmation, they
 * carry no answer, health detail, verdict or price: only the first name, references, links and the
 * clinic's contact.
 */

export interface RenderedPatientEmail {
  subject: string;
  text: string;
  html: string;
}

export interface LinkedInquiry {
  reference: string | null;
  receivedAt: Date;
  url: string;
}

interface PatientPageWords {
  linksSubject: (clinic: string) => string;
  greeting: (firstName: string) => string;
  linksIntro: (clinic: string, count: number) => string;
  inquiryLine: (reference: string | null, date: string) => string;
  linksKeep: (days: number) => string;
  linksNotYou: string;
  erasedSubject: (clinic: string) => string;
  erasedBody: (clinic: string, reference: string | null) => string;
  erasedKept: string;
  erasedAgain: (phone: string) => string;
  erasedNotYou: string;
  confirmedSubject: (clinic: string) => string;
  confirmedBody: (clinic: string, reference: string | null) => string;
  confirmedOpen: string;
  confirmedKeep: string;
}

export const PATIENT_PAGE_EMAIL_WORDS: Readonly<Record<ContactLocale, PatientPageWords>> = {
  en: {
    linksSubject: (clinic) => `Your link to your request – ${clinic}`,
    greeting: (firstName) => `Hello ${firstName},`,
    linksIntro: (clinic, count) =>
      count === 1
        ? `You asked for the link to your page at ${clinic}. Open it to see what we told you, where your request stands and how to reach us:`
        : `You asked for the links to your pages at ${clinic}. There is one page for each request you sent:`,
    inquiryLine: (reference, date) => (reference ? `Request ${reference}, sent on ${date}:` : `Request sent on ${date}:`),
    linksKeep: (days) => `Each link works for ${days} days. Keep it to yourself: anyone who has it can open your page.`,
    linksNotYou: "If you did not ask for this, you can ignore this email. Nothing has changed.",
    erasedSubject: (clinic) => `Your request has been erased – ${clinic}`,
    erasedBody: (clinic, reference) =>
      `As you asked, ${clinic} has erased your request${reference ? ` ${reference}` : ""} and everything stored with it: your answers, what we told you, your contact details and our notes. Its link no longer works.`,
    erasedKept: "We keep only a record that a request was erased and when, with nothing about you in it.",
    erasedAgain: (phone) => `You are welcome to contact us again at any time: call ${phone} or start again on our website.`,
    erasedNotYou: "If you did not ask for this, please call us.",
    confirmedSubject: (clinic) => `Your estimate has been reviewed – ${clinic}`,
    confirmedBody: (clinic, reference) =>
      `Thank you for sending your photos. The team at ${clinic} has looked at them and reviewed the estimate for your request${reference ? ` ${reference}` : ""}.`,
    confirmedOpen: "You can see it on your page:",
    confirmedKeep: "Keep this link to yourself: anyone who has it can open your page.",
  },
  es: {
    linksSubject: (clinic) => `Su enlace a su solicitud – ${clinic}`,
    greeting: (firstName) => `Hola, ${firstName}:`,
    linksIntro: (clinic, count) =>
      count === 1
        ? `Usted pidió el enlace a su página en ${clinic}. Ábralo para ver lo que le dijimos, en qué punto está su solicitud y cómo contactarnos:`
        : `Usted pidió los enlaces a sus páginas en ${clinic}. Hay una página por cada solicitud que envió:`,
    inquiryLine: (reference, date) => (reference ? `Solicitud ${reference}, enviada el ${date}:` : `Solicitud enviada el ${date}:`),
    linksKeep: (days) => `Cada enlace funciona durante ${days} días. No lo comparta: cualquier persona que lo tenga puede abrir su página.`,
    linksNotYou: "Si usted no lo pidió, puede ignorar este correo. No ha cambiado nada.",
    erasedSubject: (clinic) => `Su solicitud ha sido borrada – ${clinic}`,
    erasedBody: (clinic, reference) =>
      `Como usted pidió, ${clinic} ha borrado su solicitud${reference ? ` ${reference}` : ""} y todo lo que se guardó con ella: sus respuestas, lo que le dijimos, sus datos de contacto y nuestras notas. Su enlace ya no funciona.`,
    erasedKept: "Solo guardamos un registro de que se borró una solicitud y cuándo, sin ningún dato suyo.",
    erasedAgain: (phone) => `Puede contactarnos de nuevo cuando quiera: llame al ${phone} o empiece otra vez en nuestro sitio web.`,
    erasedNotYou: "Si usted no lo pidió, por favor llámenos.",
    confirmedSubject: (clinic) => `Hemos revisado su presupuesto – ${clinic}`,
    confirmedBody: (clinic, reference) =>
      `Gracias por enviar sus fotos. El equipo de ${clinic} las ha mirado y ha revisado el presupuesto de su solicitud${reference ? ` ${reference}` : ""}.`,
    confirmedOpen: "Puede verlo en su página:",
    confirmedKeep: "No comparta este enlace: cualquier persona que lo tenga puede abrir su página.",
  },
};

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function formatDate(date: Date, locale: ContactLocale, timeZone: string): string {
  return new Intl.DateTimeFormat(`${locale}-US`, { dateStyle: "long", timeZone }).format(date);
}

function wrapHtml(locale: ContactLocale, subject: string, paragraphs: string[]): string {
  return [
    `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    `<body style="font-family: Arial, Helvetica, sans-serif; font-size: 16px; line-height: 1.5; color: #1a1a1a; max-width: 600px;">`,
    ...paragraphs,
    `</body></html>`,
  ].join("\n");
}

function signature(clinic: ClinicContact): { text: string[]; html: string } {
  return {
    text: ["", "--", clinic.name, clinic.phoneDisplay, clinic.email],
    html: `<p style="font-size: 14px; color: #555555;">${escapeHtml(clinic.name)}<br><a href="tel:${escapeHtml(clinic.phone)}">${escapeHtml(clinic.phoneDisplay)}</a><br><a href="mailto:${escapeHtml(clinic.email)}">${escapeHtml(clinic.email)}</a></p>`,
  };
}

/** "Lost your link?": a fresh link to each of the address's live inquiries. */
export function patientLinksEmail(
  recipient: { firstName: string; locale: ContactLocale },
  inquiries: readonly LinkedInquiry[],
  clinic: ClinicContact,
  timeZone: string,
): RenderedPatientEmail {
  const { locale } = recipient;
  const w = PATIENT_PAGE_EMAIL_WORDS[locale];
  const e = escapeHtml;
  const subject = w.linksSubject(clinic.name);
  const sign = signature(clinic);
  const text = [
    w.greeting(recipient.firstName),
    "",
    w.linksIntro(clinic.name, inquiries.length),
    "",
    ...inquiries.flatMap((inquiry) => [w.inquiryLine(inquiry.reference, formatDate(inquiry.receivedAt, locale, timeZone)), inquiry.url, ""]),
    w.linksKeep(PATIENT_LINK_DAYS),
    w.linksNotYou,
    ...sign.text,
  ].join("\n");
  const html = wrapHtml(locale, subject, [
    `<p>${e(w.greeting(recipient.firstName))}</p>`,
    `<p>${e(w.linksIntro(clinic.name, inquiries.length))}</p>`,
    ...inquiries.map(
      (inquiry) =>
        `<p>${e(w.inquiryLine(inquiry.reference, formatDate(inquiry.receivedAt, locale, timeZone)))}<br><a href="${e(inquiry.url)}">${e(inquiry.url)}</a></p>`,
    ),
    `<p>${e(w.linksKeep(PATIENT_LINK_DAYS))}</p>`,
    `<p>${e(w.linksNotYou)}</p>`,
    sign.html,
  ]);
  return { subject, text, html };
}

/** The confirmation that the patient's own erasure happened. */
export function patientErasedEmail(
  recipient: { firstName: string; reference: string | null; locale: ContactLocale },
  clinic: ClinicContact,
): RenderedPatientEmail {
  const { locale } = recipient;
  const w = PATIENT_PAGE_EMAIL_WORDS[locale];
  const e = escapeHtml;
  const subject = w.erasedSubject(clinic.name);
  const sign = signature(clinic);
  const lines = [w.erasedBody(clinic.name, recipient.reference), w.erasedKept, w.erasedAgain(clinic.phoneDisplay), w.erasedNotYou];
  const text = [w.greeting(recipient.firstName), "", ...lines.flatMap((line) => [line, ""]), ...sign.text].join("\n");
  const html = wrapHtml(locale, subject, [`<p>${e(w.greeting(recipient.firstName))}</p>`, ...lines.map((line) => `<p>${e(line)}</p>`), sign.html]);
  return { subject, text, html };
}

/**
 * The estimate was confirmed from the photos (lib/photos/assessment.ts): a link to the page, no
 * stage, verdict or price in the e-mail itself.
 */
export function assessmentConfirmedEmail(
  recipient: { firstName: string; reference: string | null; locale: ContactLocale },
  url: string,
  clinic: ClinicContact,
): RenderedPatientEmail {
  const { locale } = recipient;
  const w = PATIENT_PAGE_EMAIL_WORDS[locale];
  const e = escapeHtml;
  const subject = w.confirmedSubject(clinic.name);
  const sign = signature(clinic);
  const text = [w.greeting(recipient.firstName), "", w.confirmedBody(clinic.name, recipient.reference), "", w.confirmedOpen, url, "", w.confirmedKeep, ...sign.text].join("\n");
  const html = wrapHtml(locale, subject, [
    `<p>${e(w.greeting(recipient.firstName))}</p>`,
    `<p>${e(w.confirmedBody(clinic.name, recipient.reference))}</p>`,
    `<p>${e(w.confirmedOpen)}<br><a href="${e(url)}">${e(url)}</a></p>`,
    `<p>${e(w.confirmedKeep)}</p>`,
    sign.html,
  ]);
  return { subject, text, html };
}
