/**
 * Phone-in and walk-in inquiries entered by staff (issue 22 item 6) on SQLite and PostgreSQL: the same
 * verdict and price as the online questionnaire for the same answers (createLead, lib/candidacy), the
 * source "phone" / "walk-in", consent stored as given verbally to the staff member (the "created"
 * event's actor, the time of entry), found by the inbox, and a double submit stored once.
 */
import { randomUUID } from "node:crypto";

import { invalidateClinicCache } from "@/lib/clinic/store";
import { closeDb } from "@/lib/db/client";
import { parseInput } from "@/lib/errors";
import { createLead } from "@/lib/leads/create-lead";
import { createLeadSchema } from "@/lib/leads/lead-input";
import { getLeadDetail } from "@/lib/leads/lead-detail";
import { replyClock } from "@/lib/leads/reply-clock";
import { enterLeadByStaff } from "@/lib/leads/staff-entry";
import { STAFF_ENTRY_MESSAGES, staffEntryFromForm, staffEntrySchema } from "@/lib/leads/staff-entry-input";
import { listLeads } from "@/lib/leads/staff-inbox";
import { buildLeadBody } from "@/tests/support/lead-builders";
import { createSignedInStaff, type SignedInStaff } from "@/tests/support/staff-auth";
import { forEachProvider } from "@/tests/support/test-db";

function entryForm(fields: Record<string, string | string[]>): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) form.append(k, x);
  return form;
}

forEachProvider("staff-entered inquiries", (t) => {
  let front: SignedInStaff;
  beforeAll(async () => {
    process.env.DATABASE_URL = t.url;
    invalidateClinicCache();
    front = await createSignedInStaff(t.db, "front_desk", "desk");
  });
  afterAll(async () => {
    await closeDb();
  });

  it("a phone-in gets the online verdict and price, source phone, verbal consent by the staff member, and is found in the inbox", async () => {
    const key = randomUUID();
    const form = entryForm({
      idempotencyKey: key,
      source: "phone",
      locale: "es",
      "contact.firstName": "Lucía",
      "contact.lastName": "Fernández",
      "contact.phone": "(949) 555-0188",
      "contact.email": `lucia.${Date.now()}@example.com`,
      "contact.preferredContact": "phone",
      "answers.sex": "male",
      "answers.age": "41",
      "answers.lossPattern": "norwood",
      "answers.norwoodStage": "5",
      "answers.goal": "full_shaved_look",
      "answers.scars": ["strip"],
      "answers.dermatologyClearance": "no",
      "answers.chemotherapy": "none",
      consentGiven: "on",
    });
    const input = parseInput(staffEntrySchema, staffEntryFromForm(form));
    const before = new Date();
    const entered = await enterLeadByStaff(t.db, front.id, input);
    expect(entered.created).toBe(true);

    // The same answers online: the same verdict, flags and price.
    const online = await createLead(t.db, createLeadSchema.parse(buildLeadBody({ answers: input.answers, locale: "es" })), { ip: "203.0.113.9", channels: [] });
    expect(entered.result.status).toBe(online.result.status);
    expect(entered.result.price).toEqual(online.result.price);
    expect(entered.result.flags.map((f) => f.code)).toEqual(online.result.flags.map((f) => f.code));

    const row = await t.db.lead.findUniqueOrThrow({ where: { id: entered.id } });
    expect(row).toMatchObject({ utmSource: "phone", utmMedium: "front-desk", consentMethod: "verbal", consentContactAccepted: true, consentPrivacyAccepted: true, locale: "es", status: "new", priceMinUsd: online.result.price.minUsd });
    expect(row.consentAt.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);
    const created = await t.db.leadEvent.findFirstOrThrow({ where: { leadId: entered.id, type: "created" } });
    expect(created.actorId).toBe(front.id);
    expect(created.data).toMatchObject({ source: "phone", consent: "verbal" });

    const detail = await getLeadDetail(t.db, entered.id);
    if (!("consent" in detail)) throw new Error("merged?");
    expect(detail.consent).toMatchObject({ method: "verbal", enteredBy: { id: front.id } });

    // Found by the inbox's search, accents or not.
    const page = await listLeads(t.db, { q: "fernandez", limit: 20 }, { clock: await replyClock(t.db) });
    expect(page.items.map((i) => i.id)).toContain(entered.id);

    // The same form sent twice (a double tap): one inquiry.
    const again = await enterLeadByStaff(t.db, front.id, input);
    expect(again).toMatchObject({ id: entered.id, created: false });
    expect(await t.db.lead.count({ where: { idempotencyKey: key } })).toBe(1);
  });

  it("a walk-in without the consent tick or with the questionnaire's invalid answers is refused with the same messages", () => {
    const parsed = staffEntrySchema.safeParse(
      staffEntryFromForm(entryForm({ idempotencyKey: randomUUID(), source: "walk-in", locale: "en", "answers.age": "16", "answers.lossPattern": "norwood" })),
    );
    expect(parsed.success).toBe(false);
    const issues = parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    expect(issues).toEqual(expect.arrayContaining([`consentGiven: ${STAFF_ENTRY_MESSAGES.consent}`]));
    expect(issues.some((i) => i.startsWith("answers.age:"))).toBe(true);
    expect(issues.some((i) => i.startsWith("contact.phone:"))).toBe(true);
  });
});
