/**
 * Contact corrections (issue 22 item 6) on SQLite and PostgreSQL: validated by the questionnaire's
 * contact schema (phone to E.164, e-mail lower-cased), versioned (the values before and after kept in
 * LeadContactChange), audited with the change's id and field names (never the values), the search
 * text written again by leadSearchText (the staff search finds the new name, accents folded), a stale
 * version refused with nothing written, and erasure leaving none of it.
 */
import { invalidateClinicCache } from "@/lib/clinic/store";
import { closeDb } from "@/lib/db/client";
import { ConflictError, InvalidError, parseInput } from "@/lib/errors";
import { correctContact, listContactChanges } from "@/lib/leads/contact-correction";
import { contactCorrectionSchema } from "@/lib/leads/contact-correction-input";
import { eraseLead } from "@/lib/leads/erase-lead";
import { logCall } from "@/lib/leads/lead-calls";
import { LEAD_MESSAGES } from "@/lib/leads/lead-input";
import { leadSearchText } from "@/lib/leads/search-text";
import { createSignedInStaff, type SignedInStaff } from "@/tests/support/staff-auth";
import { storeLead } from "@/tests/support/staff-leads";
import { forEachProvider } from "@/tests/support/test-db";

forEachProvider("contact corrections", (t) => {
  let front: SignedInStaff;
  let admin: SignedInStaff;
  const unique = () => `${Date.now()}${Math.floor(Math.random() * 1e6)}`;

  beforeAll(async () => {
    process.env.DATABASE_URL = t.url;
    invalidateClinicCache();
    front = await createSignedInStaff(t.db, "front_desk", "corrector");
    admin = await createSignedInStaff(t.db, "admin", "eraser");
  });
  afterAll(async () => {
    await closeDb();
  });

  it("corrects, keeps the previous values, audits without the values and refreshes the search text", async () => {
    const email = `typo.${unique()}@exmaple.com`;
    const id = await storeLead(t.db, { contact: { firstName: "Jose", lastName: "Rodrigez", email, phone: "(949) 555-0142" } });
    const input = parseInput(contactCorrectionSchema, { leadId: id, version: "1", firstName: " José ", lastName: "Rodríguez", email: ` Jose.R.${unique()}@Example.com `, phone: "949 555 0143" });
    const result = await correctContact(t.db, front.id, input);
    expect(result.fields).toEqual(["firstName", "lastName", "phone", "email"]);
    expect(result.version).toBe(2);

    const row = await t.db.lead.findUniqueOrThrow({ where: { id }, select: { firstName: true, lastName: true, email: true, phone: true, searchText: true, reference: true, version: true } });
    expect(row).toMatchObject({ firstName: "José", lastName: "Rodríguez", phone: "+19495550143", email: input.email, version: 2 });
    expect(row.email).toBe(row.email.toLowerCase());
    expect(row.searchText).toBe(leadSearchText({ ...row }));
    expect(row.searchText).toContain("jose rodriguez");

    const changes = await t.db.leadContactChange.findMany({ where: { leadId: id } });
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({
      actorId: front.id,
      before: { firstName: "Jose", lastName: "Rodrigez", email, phone: "+19495550142" },
      after: { firstName: "José", lastName: "Rodríguez", email: input.email, phone: "+19495550143" },
    });
    const audit = await t.db.leadEvent.findMany({ where: { leadId: id, type: "contact_corrected" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: front.id, data: { changeId: changes[0]?.id, fields: ["firstName", "lastName", "phone", "email"] } });
    // The audit row names the fields, never the details.
    expect(JSON.stringify(audit[0]?.data)).not.toMatch(/Rodr|exmaple|example|555/);

    const history = await listContactChanges(t.db, id);
    expect(history[0]?.changes).toContainEqual({ field: "phone", before: "+19495550142", after: "+19495550143" });

    // A second correction of one field: a second version, only that field named.
    const again = await correctContact(t.db, front.id, { ...input, phone: "+19495550144", version: 2 });
    expect(again.fields).toEqual(["phone"]);
    expect(await t.db.leadContactChange.count({ where: { leadId: id } })).toBe(2);
  });

  it("refuses what the questionnaire refuses, no change, and a stale version, writing nothing", async () => {
    const id = await storeLead(t.db, { contact: { email: `v.${unique()}@example.com` } });
    const bad = contactCorrectionSchema.safeParse({ leadId: id, version: 1, firstName: "", lastName: "X", email: "not-an-email", phone: "123" });
    expect(bad.success).toBe(false);
    const messages = bad.success ? [] : bad.error.issues.map((i) => i.message);
    expect(messages).toEqual(expect.arrayContaining([LEAD_MESSAGES.firstNameMissing, LEAD_MESSAGES.emailInvalid, LEAD_MESSAGES.phoneInvalid]));

    const lead = await t.db.lead.findUniqueOrThrow({ where: { id }, select: { firstName: true, lastName: true, email: true, phone: true } });
    await expect(correctContact(t.db, front.id, { leadId: id, version: 1, ...lead })).rejects.toBeInstanceOf(InvalidError);
    await expect(correctContact(t.db, front.id, { leadId: id, version: 7, ...lead, lastName: "Other" })).rejects.toBeInstanceOf(ConflictError);
    expect(await t.db.leadContactChange.count({ where: { leadId: id } })).toBe(0);
    expect(await t.db.leadEvent.count({ where: { leadId: id, type: "contact_corrected" } })).toBe(0);
    expect((await t.db.lead.findUniqueOrThrow({ where: { id }, select: { lastName: true, version: true } })).version).toBe(1);
  });

  it("erasure leaves no call and no contact version behind", async () => {
    const id = await storeLead(t.db, { contact: { email: `erase.${unique()}@example.com` } });
    await logCall(t.db, front.id, id, "wrong_number");
    const lead = await t.db.lead.findUniqueOrThrow({ where: { id }, select: { firstName: true, lastName: true, email: true, phone: true } });
    await correctContact(t.db, front.id, { leadId: id, version: 1, ...lead, phone: "+19495550177" });
    expect(await t.db.leadCall.count({ where: { leadId: id } })).toBe(1);
    await eraseLead(t.db, admin.id, id);
    expect(await t.db.leadCall.count({ where: { leadId: id } })).toBe(0);
    expect(await t.db.leadContactChange.count({ where: { leadId: id } })).toBe(0);
    expect(await t.db.leadEvent.count({ where: { leadId: id } })).toBe(0);
    expect(await t.db.lead.count({ where: { id } })).toBe(0);
  });
});
