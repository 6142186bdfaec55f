import { describe, expect, it } from "vitest";

import { LUDWIG_STAGES, NORWOOD_STAGES } from "@/lib/candidacy/answers";
import { LOCALES } from "@/lib/i18n/locales";
import en from "@/lib/i18n/messages/en.json";
import es from "@/lib/i18n/messages/es.json";
import { DERIVED_PRICE_LABELS } from "@/lib/pricing/price-areas";

const QUESTIONNAIRE = { en: en.questionnaire, es: es.questionnaire } as const;

describe("price areas: a stage has one name per language", () => {
  it.each(LOCALES)("%s: a derived price names each Norwood and Ludwig stage as the questionnaire's pictures do", (locale) => {
    const norwood: Record<string, { name: string }> = QUESTIONNAIRE[locale].norwood.stages;
    const ludwig: Record<string, { name: string }> = QUESTIONNAIRE[locale].ludwig.stages;
    const areas = DERIVED_PRICE_LABELS[locale].areas;
    for (const stage of NORWOOD_STAGES.filter((s) => s !== "unknown")) {
      expect(areas[`nw:${stage}` as keyof typeof areas], stage).toBe(norwood[stage]?.name);
    }
    for (const stage of LUDWIG_STAGES) {
      expect(areas[`ludwig:${stage}` as keyof typeof areas].endsWith(`, ${ludwig[stage]?.name}`), stage).toBe(true);
    }
  });
});
