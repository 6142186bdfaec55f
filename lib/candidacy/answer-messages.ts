/**
 * Every message about a questionnaire answer, by key: the one list of keys, the API's words (the
 * schema's English and its Spanish), and the keys the questionnaire page shows. The page words its
 * messages for patients itself (lib/i18n/messages, validation.answers, one entry per key of
 * SHOWN_ANSWER_MESSAGE_KEYS: a unit test holds the catalogues to this list); the page turns a
 * schema message into its key (components/questionnaire/answer-messages.ts), never shows the
 * English. Constants only, no zod: the questionnaire's first paint loads this file.
 */

/** The schema's messages (lib/candidacy/answers.ts): what the API answers, in English. */
export const ANSWER_MESSAGES = {
  choose: "Please choose one of the options.",
  chooseListed: "Please choose from the listed options.",
  yesNo: "Please answer yes or no.",
  ageMissing: "Please enter your age.",
  ageNotNumber: "Please enter your age as a number.",
  ageNotWhole: "Please enter your age in whole years.",
  ageUnder18:
    "The online assessment is for adults (18 or older). Please call the clinic and we will gladly help you.",
  ageOver100: "Please check your age: it should be 100 or less.",
  duplicate: "Each option can only be chosen once.",
  norwoodStageMissing: 'Please choose the picture closest to your hair loss, or "Not sure".',
  norwoodStageForbidden: "A Norwood stage only applies to the receding (Norwood) pattern.",
  ludwigStageForbidden: "A Ludwig stage only applies to diffuse thinning.",
  unknownField: "This field is not part of the questionnaire.",
  notAnObject: "The answers must be sent as one JSON object.",
} as const;

/** The same in Spanish, for an API client that asks for it (lib/i18n/api-messages.ts). */
export const ANSWER_MESSAGES_ES: Readonly<Record<keyof typeof ANSWER_MESSAGES, string>> = {
  choose: "Por favor, elija una de las opciones.",
  chooseListed: "Por favor, elija entre las opciones de la lista.",
  yesNo: "Por favor, responda sí o no.",
  ageMissing: "Por favor, indique su edad.",
  ageNotNumber: "Por favor, indique su edad con números.",
  ageNotWhole: "Por favor, indique su edad en años cumplidos.",
  ageUnder18:
    "La evaluación en línea es para adultos (18 años o más). Por favor, llame a la clínica y con gusto le ayudaremos.",
  ageOver100: "Por favor, revise su edad: debe ser 100 o menos.",
  duplicate: "Cada opción solo se puede elegir una vez.",
  norwoodStageMissing: "Por favor, elija la imagen más parecida a su pérdida de cabello, o «No estoy seguro/a».",
  norwoodStageForbidden: "Una etapa Norwood solo corresponde al patrón de entradas y coronilla (Norwood).",
  ludwigStageForbidden: "Una etapa Ludwig solo corresponde al adelgazamiento difuso.",
  unknownField: "Este campo no forma parte del cuestionario.",
  notAnObject: "Las respuestas deben enviarse como un solo objeto JSON.",
};

/**
 * The keys the questionnaire page has words for: every schema message but notAnObject (the page
 * always sends an object), the Ludwig stage the page asks for itself (the schema has no Ludwig stage
 * to require) and a general "check this answer".
 */
export const SHOWN_ANSWER_MESSAGE_KEYS = [
  "choose",
  "chooseListed",
  "yesNo",
  "ageMissing",
  "ageNotNumber",
  "ageNotWhole",
  "ageUnder18",
  "ageOver100",
  "duplicate",
  "norwoodStageMissing",
  "ludwigStageMissing",
  "norwoodStageForbidden",
  "ludwigStageForbidden",
  "unknownField",
  "generic",
] as const satisfies readonly (keyof typeof ANSWER_MESSAGES | "ludwigStageMissing" | "generic")[];
export type AnswerMessageKey = (typeof SHOWN_ANSWER_MESSAGE_KEYS)[number];

// A new schema message without words on the page does not compile.
const everySchemaMessageShown: Exclude<keyof typeof ANSWER_MESSAGES, AnswerMessageKey | "notAnObject"> extends never ? true : never = true;
void everySchemaMessageShown;
