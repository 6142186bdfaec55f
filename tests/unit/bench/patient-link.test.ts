import { createLeadSchema } from "@/lib/leads/lead-input";
import { patientLeadBody, patientPagePath } from "@/scripts/bench/patient-link.mjs";

const BASE = "http://127.0.0.1:4123";
const TOKEN = "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-xy";

describe("the bench's patient page", () => {
  it("sends an inquiry the API accepts, in English (the page then opens without a redirect)", () => {
    const body = patientLeadBody("5b4a3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d");
    expect(createLeadSchema.safeParse(body).success).toBe(true);
    expect(body.locale).toBe("en");
  });

  it("takes the page's path from a stored inquiry's link, the 201 and the idempotent 200 alike", () => {
    expect(patientPagePath(201, { reference: "SMP-1", access: { url: `${BASE}/my/${TOKEN}` } }, BASE)).toBe(`/my/${TOKEN}`);
    expect(patientPagePath(200, { access: { url: `${BASE}/my/${TOKEN}` } }, `${BASE}/`)).toBe(`/my/${TOKEN}`);
  });

  it("refuses an answer that is no stored inquiry, or a link that is not this server's /my/ page, without naming the token", () => {
    expect(() => patientPagePath(429, { error: { code: "RATE_LIMITED" } }, BASE)).toThrow(/answered 429/);
    expect(() => patientPagePath(201, { reference: "SMP-1" }, BASE)).toThrow(/without access.url/);
    expect(() => patientPagePath(201, { access: { url: `/my/${TOKEN}` } }, BASE)).toThrow(/not an absolute address/);
    expect(() => patientPagePath(201, { access: { url: `https://clinic.example/my/${TOKEN}` } }, BASE)).toThrow(/not the bench's server/);
    expect(() => patientPagePath(201, { access: { url: `${BASE}/assessment` } }, BASE)).toThrow(/not a \/my\/<token> page/);
    expect(() => patientPagePath(201, { access: { url: `${BASE}/my/${TOKEN}?locale=es` } }, BASE)).toThrow(/not a \/my\/<token> page/);
    for (const bad of [`https://clinic.example/my/${TOKEN}`, `${BASE}/my/${TOKEN}/x`]) {
      let message = "";
      try {
        patientPagePath(201, { access: { url: bad } }, BASE);
      } catch (error) {
        message = String(error);
      }
      expect(message).toMatch(/access\.url/);
      expect(message).not.toContain(TOKEN);
    }
  });
});
