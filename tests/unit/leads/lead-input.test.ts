import fc from "fast-check";

import { createLeadSchema, LEAD_MESSAGES, leadConsentSchema, leadContactSchema, leadSourceSchema, normalizePhone } from "@/lib/leads/lead-input";
import { buildLeadBody } from "@/tests/support/lead-builders";

const contact = { firstName: "Ana", lastName: "Pérez", email: "ana@example.com", phone: "(949) 555-0123", preferredContact: "email" as const };

describe("leadContactSchema", () => {
  it("trims names, lower-cases the email and normalises the phone to E.164", () => {
    expect(leadContactSchema.parse({ ...contact, firstName: "  Ana ", email: "  ANA.Perez@Example.COM ", phone: "949.555.0123" })).toEqual({
      ...contact,
      email: "ana.perez@example.com",
      phone: "+19495550123",
    });
  });

  it.each([
    ["+34 612 345 678", "+34612345678"],
    ["+44 20 7946 0958", "+442079460958"],
    ["1 (714) 555-0142", "+17145550142"],
  ])("accepts %s as %s", (input, e164) => {
    expect(normalizePhone(input)).toBe(e164);
  });

  it.each(["555-0100", "12345", "phone", "+1 111 111 1111"])("rejects the phone %s with a clear message", (phone) => {
    const r = leadContactSchema.safeParse({ ...contact, phone });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]).toMatchObject({ path: ["phone"], message: LEAD_MESSAGES.phoneInvalid });
  });

  it("rejects bad emails, empty or long names, long notes and unknown fields", () => {
    const bad = [
      { ...contact, email: "ana@" },
      { ...contact, email: "ana example.com" },
      { ...contact, firstName: " " },
      { ...contact, lastName: "x".repeat(101) },
      { ...contact, notes: "x".repeat(2001) },
      { ...contact, preferredContact: "fax" },
      { ...contact, age: 30 },
    ];
    for (const value of bad) expect(leadContactSchema.safeParse(value).success).toBe(false);
    expect(leadContactSchema.safeParse({ ...contact, notes: "x".repeat(2000) }).success).toBe(true);
  });

  it("never throws on arbitrary input", () => {
    fc.assert(fc.property(fc.anything(), (value) => typeof leadContactSchema.safeParse(value).success === "boolean"));
    fc.assert(fc.property(fc.string(), (phone) => {
      const r = leadContactSchema.safeParse({ ...contact, phone });
      return !r.success || /^\+\d{8,15}$/.test(r.data.phone);
    }));
  });
});

describe("leadConsentSchema", () => {
  it("requires both consents to be true and a text version", () => {
    expect(leadConsentSchema.safeParse({ contactAccepted: true, privacyAccepted: true, textVersion: "v1" }).success).toBe(true);
    const r = leadConsentSchema.safeParse({ contactAccepted: false, privacyAccepted: "yes", textVersion: "" });
    expect(r.success).toBe(false);
    const messages = Object.fromEntries(r.error!.issues.map((i) => [i.path.join("."), i.message]));
    expect(messages).toEqual({
      contactAccepted: LEAD_MESSAGES.contactConsentRequired,
      privacyAccepted: LEAD_MESSAGES.privacyConsentRequired,
      textVersion: LEAD_MESSAGES.consentTextVersion,
    });
  });
});

describe("leadSourceSchema and createLeadSchema", () => {
  it("bounds source fields and rejects unknown ones", () => {
    expect(leadSourceSchema.safeParse({ utmSource: "google" }).success).toBe(true);
    expect(leadSourceSchema.safeParse({ utmSource: "x".repeat(201) }).success).toBe(false);
    expect(leadSourceSchema.safeParse({ gclid: "abc" }).success).toBe(false);
  });

  it("accepts the builder's body and rejects a client-sent result, bad locale or key", () => {
    expect(createLeadSchema.safeParse(buildLeadBody()).success).toBe(true);
    expect(createLeadSchema.safeParse(buildLeadBody({ locale: "es" })).success).toBe(true);
    expect(createLeadSchema.safeParse({ ...buildLeadBody(), result: {} }).success).toBe(false);
    expect(createLeadSchema.safeParse({ ...buildLeadBody(), locale: "fr" }).success).toBe(false);
    expect(createLeadSchema.safeParse(buildLeadBody({ idempotencyKey: "not-a-uuid" })).success).toBe(false);
  });
});
