import { ANSWER_MESSAGES, ANSWER_MESSAGES_ES } from "@/lib/candidacy/answer-messages";
import type { CandidacyLocale } from "@/lib/candidacy/messages";
import { LEAD_LIMITS, LEAD_MESSAGES } from "@/lib/leads/lead-input";
import { PATIENT_ACCESS_MESSAGES } from "@/lib/patient-access/schemas";
import { formatCount } from "@/lib/i18n/numbers";
import { BOOKING_LIMITS, BOOKING_MESSAGES } from "@/lib/booking/booking-messages";
import { CONTROL_CHARACTER_MESSAGE, LINE_BREAK_MESSAGE } from "@/lib/validation/text";

/**
 * The public API's messages in Spanish, for a client that asks for it (`?locale=es` or
 * `Accept-Language: es`, see requestLocale). The schemas and errors carry English (the contract's
 * wording); each is translated by its key (the answers' in lib/candidacy/answer-messages.ts), so a
 * missing translation of a patient message does not compile. Staff-only messages stay English, as
 * the staff tools are English. The patient pages do not use these: they word their own messages
 * under the same keys (lib/i18n/messages, validation.*).
 */

export const LEAD_MESSAGES_ES: Readonly<Record<keyof typeof LEAD_MESSAGES, string>> = {
  firstNameMissing: "Por favor, escriba su nombre.",
  lastNameMissing: "Por favor, escriba su apellido.",
  nameTooLong: `Por favor, use ${formatCount(LEAD_LIMITS.nameMax, "es")} caracteres o menos.`,
  emailInvalid: "Por favor, escriba un correo electrónico válido, por ejemplo nombre@ejemplo.com.",
  phoneMissing: "Por favor, escriba su número de teléfono.",
  phoneInvalid:
    "Por favor, escriba un número de teléfono válido con el código de área (por ejemplo (212) 555-0123); los números fuera de EE. UU. necesitan su código de país (por ejemplo +34 …).",
  preferredContact: "Por favor, elija cómo prefiere que le contactemos.",
  notesTooLong: `Por favor, use ${formatCount(LEAD_LIMITS.notesMax, "es")} caracteres o menos en su nota.`,
  contactConsentRequired: "Por favor, acepte que la clínica le contacte para que podamos dar seguimiento a su solicitud.",
  privacyConsentRequired: "Por favor, acepte el aviso de privacidad para enviar su solicitud.",
  consentTextVersion: "Falta la versión del texto de consentimiento.",
  unknownField: "Este campo no forma parte del formulario.",
  notAnObject: "Esto debe enviarse como un solo objeto JSON.",
  text: "Por favor, escriba un texto.",
  tooLong: "Este valor es demasiado largo.",
  idempotencyKey: "La clave de idempotencia debe ser un UUID.",
  locale: "El idioma debe ser «en» o «es».",
};

/** The patient's own page (lib/patient-access/schemas.ts): its 404 and the erase confirmation. */
export const PATIENT_ACCESS_MESSAGES_ES: Readonly<Record<keyof typeof PATIENT_ACCESS_MESSAGES, string>> = {
  notFound: "Este enlace no abre nada. Puede que haya caducado, o que la solicitud se haya borrado. Puede pedir un enlace nuevo.",
  confirmErase: "Escriba ERASE en mayúsculas para confirmar.",
};

/** The fixed messages of lib/http (errors.ts, json-body.ts, route.ts), English -> Spanish. */
export const HTTP_MESSAGES_ES: Readonly<Record<string, string>> = {
  "Some answers need another look.": "Algunas respuestas necesitan otra revisión.",
  "This field is not part of the form.": "Este campo no forma parte del formulario.",
  "The request body is empty.": "El cuerpo de la solicitud está vacío.",
  "The request body is not valid JSON.": "El cuerpo de la solicitud no es un JSON válido.",
  "The request body is over 32 KiB.": "El cuerpo de la solicitud supera los 32 KiB.",
  "Too many requests. Please wait a moment and try again.": "Demasiadas solicitudes. Por favor, espere un momento y vuelva a intentarlo.",
  "The service is briefly unavailable. Please try again in a moment.":
    "El servicio no está disponible por un momento. Por favor, vuelva a intentarlo en un momento.",
  "Something went wrong on our side. Please try again.": "Algo salió mal de nuestro lado. Por favor, vuelva a intentarlo.",
  "Not found.": "No encontrado.",
  [CONTROL_CHARACTER_MESSAGE]: "Por favor, quite los caracteres de control invisibles (como U+0000) de este texto.",
  [LINE_BREAK_MESSAGE]: "Por favor, escríbalo en una sola línea (sin tabuladores ni saltos de línea).",
  "There is no such API endpoint. The endpoints are listed in /api/v1/openapi.json.":
    "No existe ese punto de acceso de la API. Los puntos de acceso están en /api/v1/openapi.json.",
};

/** The patient-facing messages of the booking schemas (lib/booking/schemas.ts); staff-only ones stay English. */
type PatientBookingMessage = "typeInvalid" | "typeNotOffered" | "dateInvalid" | "rangeBackwards" | "rangeTooLong" | "startInvalid" | "versionInvalid" | "preferredTimesMissing" | "preferredTimesTooLong" | "dayInvalid";
export const BOOKING_MESSAGES_ES: Readonly<Record<PatientBookingMessage, string>> = {
  typeInvalid: "Elija en persona, videollamada o teléfono.",
  typeNotOffered: "Este tipo de consulta no se ofrece en este momento.",
  dateInvalid: "Escriba las fechas como AAAA-MM-DD, por ejemplo 2026-12-25 (una fecha real).",
  rangeBackwards: "La fecha final debe ser igual o posterior a la inicial.",
  rangeTooLong: `Pida como máximo ${formatCount(BOOKING_LIMITS.slotsDaysMax, "es")} días cada vez.`,
  startInvalid: "Escriba el inicio como fecha y hora ISO-8601 con su desfase, por ejemplo 2026-12-08T09:00:00-08:00.",
  versionInvalid: "Envíe la versión que leyó por última vez.",
  preferredTimesMissing: "Díganos cuándo le gustaría que le llamemos.",
  preferredTimesTooLong: `Use ${formatCount(BOOKING_LIMITS.callbackPreferredTimesMax, "es")} caracteres o menos.`,
  dayInvalid: "Elija días de la semana.",
};

const SPANISH: ReadonlyMap<string, string> = new Map<string, string>([
  ...(Object.keys(BOOKING_MESSAGES_ES) as PatientBookingMessage[]).map((key) => [BOOKING_MESSAGES[key], BOOKING_MESSAGES_ES[key]] as const),
  ...(Object.keys(ANSWER_MESSAGES) as (keyof typeof ANSWER_MESSAGES)[]).map((key) => [ANSWER_MESSAGES[key], ANSWER_MESSAGES_ES[key]] as const),
  ...(Object.keys(LEAD_MESSAGES) as (keyof typeof LEAD_MESSAGES)[]).map((key) => [LEAD_MESSAGES[key], LEAD_MESSAGES_ES[key]] as const),
  ...(Object.keys(PATIENT_ACCESS_MESSAGES) as (keyof typeof PATIENT_ACCESS_MESSAGES)[]).map(
    (key) => [PATIENT_ACCESS_MESSAGES[key], PATIENT_ACCESS_MESSAGES_ES[key]] as const,
  ),
  ...Object.entries(HTTP_MESSAGES_ES),
]);

/** The messages of lib/http that carry a route's own figures (a size limit, the accepted file types). */
const SPANISH_PATTERNS: readonly (readonly [RegExp, (...groups: string[]) => string])[] = [
  [/^The request body is over ([\d.]+ (?:KiB|MiB|bytes))\.$/, (limit) => `El cuerpo de la solicitud supera los ${limit.replace(".", ",")}.`],
  [
    /^This type of file is not accepted here\. Please send a (.+) file\.$/,
    (types) => `Este tipo de archivo no se acepta aquí. Por favor, envíe un archivo ${types.replace(/ or /g, " o ")}.`,
  ],
];

/** One API message in the asked language; a message without a translation stays as it is. */
export function localizeApiMessage(message: string, locale: CandidacyLocale): string {
  if (locale === "en") return message;
  const exact = SPANISH.get(message);
  if (exact !== undefined) return exact;
  for (const [pattern, translate] of SPANISH_PATTERNS) {
    const match = pattern.exec(message);
    if (match) return translate(...match.slice(1));
  }
  return message;
}

/** Every message of an error body (`message` and each of `fields`), in the asked language. */
export function localizeApiMessages(
  message: string,
  fields: Readonly<Record<string, string>> | undefined,
  locale: CandidacyLocale,
): { message: string; fields: Record<string, string> | undefined } {
  if (locale === "en") return { message, fields: fields ? { ...fields } : undefined };
  return {
    message: localizeApiMessage(message, locale),
    fields: fields
      ? Object.fromEntries(Object.entries(fields).map(([path, text]) => [path, localizeApiMessage(text, locale)]))
      : undefined,
  };
}
