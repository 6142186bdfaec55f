import { describe, expect, it } from "vitest";

import { ANSWER_MESSAGES, ANSWER_MESSAGES_ES, SHOWN_ANSWER_MESSAGE_KEYS } from "@/lib/candidacy/answer-messages";
import { LOCALES } from "@/lib/i18n/locales";
import en from "@/lib/i18n/messages/en.json";
import es from "@/lib/i18n/messages/es.json";

const PAGE = { en: en.validation.answers, es: es.validation.answers } as const;

describe("answer messages: one list of keys", () => {
  it.each(LOCALES)("%s: the questionnaire page has words for exactly the keys it shows", (locale) => {
    expect(Object.keys(PAGE[locale]).sort()).toEqual([...SHOWN_ANSWER_MESSAGE_KEYS].sort());
    for (const text of Object.values(PAGE[locale])) expect(text.trim().length).toBeGreaterThan(5);
  });

  it("the API has every message in Spanish, and no two keys share a wording", () => {
    expect(Object.keys(ANSWER_MESSAGES_ES).sort()).toEqual(Object.keys(ANSWER_MESSAGES).sort());
    // The page finds a key by its English message: two keys with one wording would be confused.
    expect(new Set(Object.values(ANSWER_MESSAGES)).size).toBe(Object.keys(ANSWER_MESSAGES).length);
  });
});
