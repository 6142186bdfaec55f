/**
 * Builders for inquiry (lead) request bodies, shared by the leads tests and the demo seed.
 * `buildLeadBody()` is a VALID body for POST /api/v1/leads; override any part.
 */
import { randomUUID } from "node:crypto";

import type { CandidacyAnswers } from "@/lib/candidacy/answers";
import type { AppLocale } from "@/lib/i18n/locales";
import type { CreateLeadBody } from "@/lib/leads/lead-input";

import { buildAnswers } from "./candidacy-builders";

export const CONSENT_TEXT_VERSION = "consent-2026-11";

export interface LeadBodyOverrides {
  answers?: Partial<CandidacyAnswers>;
  contact?: Partial<CreateLeadBody["contact"]>;
  consent?: Partial<CreateLeadBody["consent"]>;
  source?: CreateLeadBody["source"];
  idempotencyKey?: string;
  website?: string;
  locale?: AppLocale;
}

let counter = 0;

export function buildLeadBody(overrides: LeadBodyOverrides = {}): CreateLeadBody {
  counter++;
  return {
    answers: buildAnswers(overrides.answers),
    contact: {
      firstName: "Alex",
      lastName: "Rivera",
      email: `alex.rivera.${counter}.${randomUUID().slice(0, 8)}@example.com`,
      phone: `(949) 555-${String(1000 + (counter % 9000)).padStart(4, "0")}`,
      preferredContact: "phone",
      ...overrides.contact,
    },
    consent: { contactAccepted: true, privacyAccepted: true, textVersion: CONSENT_TEXT_VERSION, ...overrides.consent },
    ...(overrides.source ? { source: overrides.source } : {}),
    idempotencyKey: overrides.idempotencyKey ?? randomUUID(),
    ...(overrides.website !== undefined ? { website: overrides.website } : {}),
    ...(overrides.locale ? { locale: overrides.locale } : {}),
  };
}
