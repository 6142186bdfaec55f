import { expect, type Page } from "@playwright/test";

import { EXPECTATION_MESSAGES, FLAG_MESSAGES } from "@/lib/candidacy/messages";

import { messages } from "./messages";

/*
 * "No English on a Spanish page": every English patient text the app has (the page messages in
 * lib/i18n/messages/en.json, the rules' patient messages and expectations) is cut into its fixed
 * parts (around {placeholders}); the parts that are long enough to be a phrase and that do not
 * also occur in the Spanish texts (names such as "Norwood 6" or the clinic's name) must not appear
 * in the text, title or accessible labels of a Spanish page.
 */

const MIN_LENGTH = 12;

function leaves(value: unknown, out: string[] = []): string[] {
  if (typeof value === "string") out.push(value);
  else if (value && typeof value === "object") for (const child of Object.values(value)) leaves(child, out);
  return out;
}

let cached: string[] | undefined;

export function englishPhrases(): string[] {
  if (cached) return cached;
  const english = [
    ...leaves(messages("en")),
    ...Object.values(FLAG_MESSAGES.en).map((t) => t.patient),
    ...Object.values(EXPECTATION_MESSAGES.en).map((t) => t.patient),
  ];
  const spanish = [
    ...leaves(messages("es")),
    ...Object.values(FLAG_MESSAGES.es).map((t) => t.patient),
    ...Object.values(EXPECTATION_MESSAGES.es).map((t) => t.patient),
  ].join("\n");
  const parts = english
    .flatMap((text) => text.split(/\{[^}]*\}|[#<>]/))
    .map((part) => part.trim())
    .filter((part) => part.length >= MIN_LENGTH && !spanish.includes(part));
  cached = [...new Set(parts)];
  return cached;
}

export async function expectNoEnglish(page: Page, where: string): Promise<void> {
  const text = await page.evaluate(() => {
    const labels = Array.from(document.querySelectorAll("[aria-label],[placeholder],[title],img[alt]"), (el) =>
      ["aria-label", "placeholder", "title", "alt"].map((name) => el.getAttribute(name) ?? "").join("\n"),
    );
    return [document.title, document.body.innerText, ...labels].join("\n");
  });
  const found = englishPhrases().filter((phrase) => text.includes(phrase));
  expect(found, `English text on the Spanish page (${where})`).toEqual([]);
}
