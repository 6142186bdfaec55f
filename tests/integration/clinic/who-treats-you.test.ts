/**
 * Issue 19: the clinic's "Who will treat you" text, in English and Spanish, on both databases:
 * saved and audited, kept when a save does not name it, refused in one language only, and read
 * into the patient's contact in the page's language.
 */
import { clinicContactOf } from "@/lib/clinic/contact";
import { PLACEHOLDER_CLINIC_PROFILE } from "@/lib/clinic/defaults";
import { CLINIC_LIMITS, CLINIC_MESSAGES } from "@/lib/clinic/schemas";
import { getClinicProfile, updateClinicProfile } from "@/lib/clinic/store";
import { InvalidError } from "@/lib/errors";
import { forEachProvider } from "@/tests/support/test-db";

const WHO = {
  en: "Dr. Ana Ruiz, a hair surgeon, plans every treatment and is there for each session.\nOur two SMP artists work with her.",
  es: "La Dra. Ana Ruiz, cirujana capilar, planea cada tratamiento y está presente en cada sesión.\nNuestros dos artistas de SMP trabajan con ella.",
};

forEachProvider("clinic profile: who will treat you", (t) => {
  it("starts empty: patients see nothing", async () => {
    const profile = await getClinicProfile(t.db, 0);
    expect(profile.whoTreatsYou).toEqual({ en: "", es: "" });
    expect(clinicContactOf(profile, "en").whoTreatsYou).toBeNull();
  });

  it("saves both languages, audits the change, and a save that does not name it keeps it", async () => {
    const before = await getClinicProfile(t.db, 0);
    const saved = await updateClinicProfile(t.db, { ...PLACEHOLDER_CLINIC_PROFILE, whoTreatsYou: WHO }, null, before.version);
    expect(saved.whoTreatsYou).toEqual(WHO);
    expect((await getClinicProfile(t.db, 0)).whoTreatsYou).toEqual(WHO);
    expect(clinicContactOf(saved, "es").whoTreatsYou).toBe(WHO.es);
    const event = await t.db.leadEvent.findFirst({ where: { type: "clinic_profile_updated" }, orderBy: { createdAt: "desc" } });
    expect((event?.data as { changed: string[] }).changed).toContain("whoTreatsYou");

    const { whoTreatsYou: _omitted, ...withoutText } = PLACEHOLDER_CLINIC_PROFILE;
    const again = await updateClinicProfile(t.db, { ...withoutText, name: "Sunset SMP Clinic" }, null, saved.version);
    expect(again.name).toBe("Sunset SMP Clinic");
    expect(again.whoTreatsYou).toEqual(WHO);
  });

  it("refuses one language only, and a text over the limit, naming the field; nothing changes", async () => {
    const before = await getClinicProfile(t.db, 0);
    const refusal = (whoTreatsYou: { en: string; es: string }) =>
      updateClinicProfile(t.db, { ...PLACEHOLDER_CLINIC_PROFILE, whoTreatsYou }, null, before.version).then(
        () => null,
        (error: unknown) => error,
      );
    const oneLanguage = await refusal({ en: WHO.en, es: "  " });
    expect(oneLanguage).toBeInstanceOf(InvalidError);
    expect((oneLanguage as InvalidError).fields.get("whoTreatsYou.es")).toBe(CLINIC_MESSAGES.whoTreatsYouOneLanguage);
    const tooLong = await refusal({ en: "x".repeat(CLINIC_LIMITS.whoTreatsYouMax + 1), es: WHO.es });
    expect((tooLong as InvalidError).fields.get("whoTreatsYou.en")).toBe(CLINIC_MESSAGES.whoTreatsYouTooLong);
    expect(await getClinicProfile(t.db, 0)).toEqual(before);
  });
});
