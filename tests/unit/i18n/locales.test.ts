import { describe, expect, it } from "vitest";

import { localeFromAcceptLanguage } from "@/lib/i18n/locales";

describe("localeFromAcceptLanguage", () => {
  it("takes the supported language with the highest q-value, not the first one listed", () => {
    expect(localeFromAcceptLanguage("en;q=0.2, es;q=0.9")).toBe("es");
    expect(localeFromAcceptLanguage("es;q=0.3, en-GB;q=0.8")).toBe("en");
  });

  it("keeps the header's order between equal q-values and reads only the primary subtag", () => {
    expect(localeFromAcceptLanguage("es-MX, en")).toBe("es");
    expect(localeFromAcceptLanguage("es-419;q=0.7, en-US;q=0.7")).toBe("es");
  });

  it("skips unsupported languages and anything refused with q=0", () => {
    expect(localeFromAcceptLanguage("fr-FR, de;q=0.9, es;q=0.1")).toBe("es");
    expect(localeFromAcceptLanguage("es;q=0, en;q=0.5")).toBe("en");
    expect(localeFromAcceptLanguage("fr, de")).toBeUndefined();
    expect(localeFromAcceptLanguage("")).toBeUndefined();
    expect(localeFromAcceptLanguage(null)).toBeUndefined();
  });
});
