import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PRIVACY_NOTICE_VERSION, PRIVACY_TEXT_SHA256 } from "@/lib/leads/privacy-notice";

type Messages = { privacy: unknown; lead: { consentContact: string; consentPrivacy: string } };
const read = (locale: string) =>
  JSON.parse(readFileSync(path.resolve("lib/i18n/messages", `${locale}.json`), "utf8")) as Messages;

describe("privacy notice version", () => {
  it("changes whenever the privacy notice or the consent box text changes (bump the version, then the hash)", () => {
    const texts = ["en", "es"].map((locale) => {
      const m = read(locale);
      return { privacy: m.privacy, consentContact: m.lead.consentContact, consentPrivacy: m.lead.consentPrivacy };
    });
    const hash = createHash("sha256").update(JSON.stringify(texts)).digest("hex");
    expect(PRIVACY_NOTICE_VERSION).toMatch(/^\d{4}-\d{2}-privacy-v\d+$/);
    expect(hash, `texts changed: bump PRIVACY_NOTICE_VERSION and set PRIVACY_TEXT_SHA256 = "${hash}"`).toBe(PRIVACY_TEXT_SHA256);
  });
});
