import { describe, expect, it } from "vitest";

import type { ClinicContact } from "@/lib/clinic/contact";
import { assessmentConfirmedEmail } from "@/lib/patient-access/emails";
import { confirmedAnswers } from "@/lib/photos/assessment";
import type { CandidacyAnswers } from "@/lib/candidacy";

const CLINIC = { name: "Crown & Co <SMP>", phone: "+12125550123", phoneDisplay: "(212) 555-0123", email: "desk@clinic.example.com" } as unknown as ClinicContact;
const URL = "https://clinic.example.com/my/" + "b".repeat(40);

describe("the 'estimate confirmed' e-mail (lib/notifications/kinds/assessment-confirmed.ts)", () => {
  it.each(["en", "es"] as const)("in %s: greets, links to the page, and says nothing of stage, verdict or price", (locale) => {
    const mail = assessmentConfirmedEmail({ firstName: "Jordan", reference: "SMP-7KQ2-94", locale }, URL, CLINIC);
    for (const part of [mail.subject, mail.text, mail.html]) {
      expect(part).not.toMatch(/\$|USD|Norwood|Ludwig|eligib|scar|cicatriz|\d{1,3},\d{3}/i);
    }
    expect(mail.text).toContain(URL);
    expect(mail.html).toContain(`href="${URL}"`);
    expect(mail.text).toContain("Jordan");
    expect(mail.html).not.toContain("<SMP>");
    expect(mail.subject).toContain(locale === "en" ? "reviewed" : "revisado");
  });
});

describe("confirmedAnswers (pure)", () => {
  const base = { sex: "male", age: 40, lossPattern: "norwood", norwoodStage: "unknown", goal: "full_shaved_look", scars: ["fue"], skinConditions: [], dermatologyClearance: false, chemotherapy: "never" } as unknown as CandidacyAnswers;
  it("a Norwood stage replaces the patient's; scars only when given", () => {
    expect(confirmedAnswers(base, { norwoodStage: "5" })).toMatchObject({ lossPattern: "norwood", norwoodStage: "5", scars: ["fue"] });
    expect(confirmedAnswers(base, { scars: [] }).scars).toEqual([]);
  });
  it("a Ludwig stage makes it diffuse thinning and drops the Norwood stage", () => {
    const next = confirmedAnswers(base, { ludwigStage: "II" });
    expect(next).toMatchObject({ lossPattern: "diffuse_thinning", ludwigStage: "II" });
    expect(next.norwoodStage).toBeUndefined();
  });
});
