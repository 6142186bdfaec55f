import { describe, expect, it } from "vitest";
import { LEAD_MESSAGES_ES } from "@/lib/i18n/api-messages";
import { formatCount, formatDollars } from "@/lib/i18n/numbers";
import { LEAD_MESSAGES } from "@/lib/leads/lead-input";

describe("lib/i18n/numbers: one way to write numbers per language (issue 19)", () => {
  it("US conventions in English and Spanish", () => {
    expect(formatCount(2000, "en")).toBe("2,000");
    expect(formatCount(2000, "es")).toBe("2,000");
    expect(formatDollars(6000, "en")).toBe("$6,000");
    expect(formatDollars(6000, "es")).toBe("$6,000");
  });

  it("the API's notes message quotes the schema's limit the same way", () => {
    expect(LEAD_MESSAGES.notesTooLong).toContain("2,000 characters");
    expect(LEAD_MESSAGES_ES.notesTooLong).toContain("2,000 caracteres");
  });
});
