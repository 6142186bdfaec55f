/**
 * The patient's confirmation e-mail (issue 9 #5): queued in the lead's transaction when the clinic
 * has e-mail configured, delivered by the outbox to a REAL local SMTP server, read back as MIME
 * (multipart: plain text and HTML), in the patient's language, with the reference, what happens
 * next (the clinic's reply promise) and the clinic's contact details, and NOTHING about the answers,
 * health or verdict; every value escaped in the HTML. On SQLite and PostgreSQL.
 */
import { PLACEHOLDER_CLINIC_PROFILE } from "@/lib/clinic/defaults";
import { getClinicProfile, updateClinicProfile } from "@/lib/clinic/store";
import { closeDb } from "@/lib/db/client";
import { createLead, type CreateLeadOptions } from "@/lib/leads/create-lead";
import { createLeadSchema } from "@/lib/leads/lead-input";
import type { NotificationConfig } from "@/lib/notifications/config";
import { closeEmailTransports } from "@/lib/notifications/email";
import { deliverDueMessages } from "@/lib/notifications/queue";
import { PATIENT_CONFIRMATION } from "@/lib/notifications/kinds/patient-confirmation";
import { buildLeadBody, type LeadBodyOverrides } from "@/tests/support/lead-builders";
import { startSinks, type Sinks } from "@/tests/support/mail-sinks";
import { onlyPart, parseMime } from "@/tests/support/mime";
import { forEachProvider, type ProviderContext } from "@/tests/support/test-db";

import { postLead, useDatabaseUrl } from "./route-helpers";

let sinks: Sinks;
beforeAll(async () => {
  sinks = await startSinks();
});
afterAll(async () => {
  closeEmailTransports();
  await sinks.close();
  await closeDb();
});
beforeEach(() => sinks.clear());

function config(): NotificationConfig {
  return {
    appUrl: "https://clinic.example.com",
    email: { smtpUrl: sinks.smtpUrl, from: "estimator@clinic.example.com", to: ["frontdesk@clinic.example.com"] },
    maxAttempts: 3,
    baseDelayMs: 60_000,
    maxDelayMs: 600_000,
    batchSize: 50,
    pollIntervalMs: 50,
  };
}

/** Health details, answers and identity the e-mail must never carry. */
const PATIENT = {
  firstName: "Jordan",
  lastName: "Nakamura",
  email: "jordan.nakamura@example.org",
  phone: "(949) 555-0199",
  preferredContact: "email" as const,
  notes: "I had chemotherapy last year and take blood thinners",
};
const HEALTHY_NO: LeadBodyOverrides = {
  contact: PATIENT,
  answers: { skinConditions: ["psoriasis"], scars: ["burn"], chemotherapy: "completed", healthScreen: ["bleeding_disorder_or_anticoagulants"] },
};
const FORBIDDEN = [
  "Nakamura", "555-0199", "5550199", "psoriasis", "psoriasis", "burn", "quemadura", "chemo", "quimio", "blood", "sangr", "thinner",
  "Norwood", "scar", "cicatriz", "eligible", "elegible", "clearance", "dermat", "$", "USD", "price", "precio", "session", "sesi",
];

async function submit(t: ProviderContext, overrides: LeadBodyOverrides = HEALTHY_NO, options: Partial<CreateLeadOptions> = {}) {
  return createLead(t.db, createLeadSchema.parse(buildLeadBody(overrides)), { ip: "198.51.100.7", channels: [], patientConfirmation: true, ...options });
}

/** Outbox rows of earlier tests are settled, so each test delivers only its own. */
async function settleOthers(t: ProviderContext, keep: string) {
  await t.db.outboxMessage.updateMany({ where: { leadId: { not: keep }, deliveredAt: null }, data: { deliveredAt: new Date() } });
}

async function deliverOne(t: ProviderContext, leadId: string) {
  await settleOthers(t, leadId);
  expect(await deliverDueMessages(t.db, config())).toMatchObject({ delivered: 1, retrying: 0, gaveUp: 0 });
  expect(sinks.mails).toHaveLength(1);
  const mail = sinks.mails[0]!;
  const message = parseMime(mail.raw);
  expect(message.contentType).toBe("multipart/alternative");
  return { mail, message, text: onlyPart(message, "text/plain").body, html: onlyPart(message, "text/html").body };
}

function expectNothingPrivate(...bodies: string[]) {
  for (const body of bodies) {
    for (const word of FORBIDDEN) expect(body.toLowerCase(), word).not.toContain(word.toLowerCase());
  }
}

forEachProvider("patient confirmation e-mail", (t) => {
  it("is queued with the lead (SQL and Prisma paths) as one outbox row with an empty payload, and only when asked", async () => {
    for (const writePath of ["auto", "prisma"] as const) {
      const lead = await submit(t, HEALTHY_NO, { writePath });
      const rows = await t.db.outboxMessage.findMany({ where: { leadId: lead.id } });
      expect(rows).toMatchObject([{ kind: PATIENT_CONFIRMATION, channel: "email", payload: {}, attempts: 0, deliveredAt: null }]);
    }
    const none = await submit(t, HEALTHY_NO, { patientConfirmation: false });
    expect(await t.db.outboxMessage.count({ where: { leadId: none.id } })).toBe(0);
  });

  it("English: reference, what happens next with the reply promise, the clinic's contact; no answers or health details", async () => {
    const lead = await submit(t);
    const { mail, message, text, html } = await deliverOne(t, lead.id);
    expect(mail.from).toBe("estimator@clinic.example.com");
    expect(mail.to).toEqual(["jordan.nakamura@example.org"]);
    const profile = await getClinicProfile(t.db, 0);
    expect(message.headers["reply-to"]).toBe(profile.email);
    expect(message.headers.subject).toBe(`We received your request (${lead.reference}) – ${profile.name}`);

    expect(text).toContain("Hello Jordan,");
    expect(text).toContain(`Your reference: ${lead.reference}`);
    expect(text).toContain(`Someone from ${profile.name} will get back to you within one business day, by email as you asked`);
    expect(text).toContain("Phone: (714) 555-0100");
    expect(text).toContain(`Email: ${profile.email}`);
    expect(text).toContain("Address: 123 Example St (placeholder), Anytown, CA 92800");
    expect(text).toMatch(/Monday–Friday: 9:00\sAM–5:00\sPM/);
    expect(text).toMatch(/Saturday–Sunday: closed/);

    expect(html).toContain('<html lang="en">');
    expect(html).toContain(`<strong style="font-size: 18px; letter-spacing: 1px;">${lead.reference}</strong>`);
    expect(html).toContain('<a href="tel:+17145550100">(714) 555-0100</a>');
    expectNothingPrivate(message.headers.subject ?? "", text, html);
  });

  it("Spanish for a patient who used the Spanish questionnaire", async () => {
    const lead = await submit(t, { ...HEALTHY_NO, locale: "es", contact: { ...PATIENT, preferredContact: "phone" } });
    const { message, text, html } = await deliverOne(t, lead.id);
    expect(message.headers.subject).toContain(`Hemos recibido su solicitud (${lead.reference})`);
    expect(text).toContain("Hola, Jordan:");
    expect(text).toContain(`Su referencia: ${lead.reference}`);
    expect(text).toContain("le responderá en un día hábil, por teléfono, como usted indicó");
    expect(text).toContain("Teléfono: (714) 555-0100");
    expect(text).toMatch(/Lunes–Viernes: 9:00/);
    expect(text).not.toContain("Hello");
    expect(html).toContain('<html lang="es">');
    expectNothingPrivate(message.headers.subject ?? "", text, html);
  });

  it("escapes every value in the HTML (clinic details and the patient's own name)", async () => {
    const before = await getClinicProfile(t.db, 0);
    await updateClinicProfile(
      t.db,
      { ...PLACEHOLDER_CLINIC_PROFILE, name: `Smith & "Sons" <Clinic>`, replyPromise: { en: "within <b>one</b> day", es: "en <b>un</b> día" } },
      null,
      before.version,
    );
    try {
      const lead = await submit(t, { ...HEALTHY_NO, contact: { ...PATIENT, firstName: "Jo<img src=x onerror=alert(1)>" } });
      const { text, html } = await deliverOne(t, lead.id);
      expect(html).not.toContain("<Clinic>");
      expect(html).not.toContain("<b>");
      expect(html).not.toContain("<img");
      expect(html).toContain("Smith &#38; &#34;Sons&#34; &#60;Clinic&#62;");
      expect(html).toContain("Hello Jo&#60;img src=x onerror=alert(1)&#62;,");
      // Plain text is plain: the values as they are.
      expect(text).toContain(`Smith & "Sons" <Clinic> has received your request`);
    } finally {
      const current = await getClinicProfile(t.db, 0);
      await updateClinicProfile(t.db, PLACEHOLDER_CLINIC_PROFILE, null, current.version);
    }
  });

  it("an inquiry merged away before sending is settled without an e-mail", async () => {
    const keep = await submit(t);
    const gone = await submit(t);
    await t.db.outboxMessage.updateMany({ where: { leadId: keep.id }, data: { deliveredAt: new Date() } });
    await t.db.lead.update({ where: { id: gone.id }, data: { mergedIntoId: keep.id, email: "", firstName: "" } });
    await settleOthers(t, gone.id);
    expect(await deliverDueMessages(t.db, config())).toMatchObject({ delivered: 1, retrying: 0 });
    expect(sinks.mails).toHaveLength(0);
    expect(await t.db.outboxMessage.findFirstOrThrow({ where: { leadId: gone.id } })).toMatchObject({ lastError: "not sent: nothing to send any more" });
  });

  it("POST /api/v1/leads queues it when SMTP is configured in the environment, and not otherwise", async () => {
    const smtp = { SMTP_URL: sinks.smtpUrl, NOTIFY_EMAIL_FROM: "estimator@clinic.example.com", NOTIFY_EMAIL_TO: "frontdesk@clinic.example.com" };
    useDatabaseUrl(t.url, smtp);
    const withSmtp = await postLead(buildLeadBody({ contact: PATIENT }));
    expect(withSmtp.status).toBe(201);
    const a = (await withSmtp.json()) as { id: string };
    const kinds = (await t.db.outboxMessage.findMany({ where: { leadId: a.id }, orderBy: { kind: "asc" } })).map((m) => m.kind);
    expect(kinds).toEqual(["lead_created", PATIENT_CONFIRMATION]);

    useDatabaseUrl(t.url, { SMTP_URL: undefined, NOTIFY_EMAIL_FROM: undefined, NOTIFY_EMAIL_TO: undefined });
    const without = await postLead(buildLeadBody({ contact: PATIENT }));
    const b = (await without.json()) as { id: string };
    expect(await t.db.outboxMessage.count({ where: { leadId: b.id } })).toBe(0);
    await closeDb();
  });
});
