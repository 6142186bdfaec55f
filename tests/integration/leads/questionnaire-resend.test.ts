/**
 * Issue 19: the questionnaire sends every consultation request of one check with the same key
 * (kept on the device with the answers), so a send again after Back, a reload or a lost response
 * is answered with the same inquiry, and the database holds one row. The client's own sendLead
 * against the real route handler, on SQLite and PostgreSQL.
 */
import { newIdempotencyKey, sendLead } from "@/components/questionnaire/lead-request";
import { closeDb } from "@/lib/db/client";
import { buildAnswers } from "@/tests/support/candidacy-builders";
import { CONSENT_TEXT_VERSION } from "@/tests/support/lead-builders";
import { forEachProvider } from "@/tests/support/test-db";

import { postLead, useDatabaseUrl } from "./route-helpers";

afterAll(async () => {
  await closeDb();
});

/** fetch for sendLead: the request goes to POST /api/v1/leads in-process, from one client address. */
const inProcessFetch = (async (_url: string | URL | Request, init?: RequestInit) =>
  postLead(JSON.parse(String(init?.body)), { ip: "10.19.5.1" })) as typeof fetch;

forEachProvider("questionnaire: a consultation request sent again", (t) => {
  beforeAll(() => {
    useDatabaseUrl(t.url, { LEADS_RATE_LIMIT_PER_MINUTE: "100", SMTP_URL: undefined, LEAD_WEBHOOK_URL: undefined });
  });

  it("the same check's key gives the same id and reference and one row", async () => {
    const idempotencyKey = newIdempotencyKey();
    const request = {
      answers: buildAnswers({ sex: "female", age: 34, lossPattern: "diffuse_thinning", ludwigStage: "II", goal: "add_density", healthScreen: ["pregnant_or_breastfeeding"] }),
      contact: { firstName: "Eva", lastName: "Soto", email: `eva.${idempotencyKey.slice(0, 8)}@example.com`, phone: "(714) 555-0142", preferredContact: "email" as const },
      consent: { contactAccepted: true as const, privacyAccepted: true as const, textVersion: CONSENT_TEXT_VERSION },
      source: undefined,
      idempotencyKey,
      locale: "en" as const,
      honeypot: "",
    };
    const first = await sendLead(request, inProcessFetch);
    // After Back, the form sent again (even with a detail changed): the same inquiry.
    const again = await sendLead({ ...request, contact: { ...request.contact, firstName: "Eve" } }, inProcessFetch);
    expect(first.kind).toBe("created");
    expect(again.kind).toBe("created");
    if (first.kind !== "created" || again.kind !== "created") return;
    expect(first.reference).toMatch(/^SMP-/);
    expect(again.id).toBe(first.id);
    expect(again.reference).toBe(first.reference);
    expect(await t.db.lead.count({ where: { idempotencyKey } })).toBe(1);
    expect(await t.db.lead.count({ where: { email: request.contact.email } })).toBe(1);
  });
});
