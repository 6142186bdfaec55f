import type { z } from "zod";

import type { candidacyAnswersSchema } from "@/lib/candidacy/answers";
import { evaluateCandidacy } from "@/lib/candidacy/evaluate";
import type { createLeadSchema } from "@/lib/leads/lead-input";
import { DEFAULT_PRICE_TABLE } from "@/lib/pricing/price-table";

/**
 * The OpenAPI document's examples for the main operations (`requestExample` and a response's
 * `example` in lib/http/route.ts). The bodies are typed by the request schemas, and the results are
 * computed by the rules themselves, so an example cannot say what the API would not; Redocly checks
 * each against its schema (tests/integration/api/openapi-tools.test.ts).
 */

export const EXAMPLE_ANSWERS = {
  sex: "male",
  age: 42,
  lossPattern: "norwood",
  norwoodStage: "6",
  goal: "full_shaved_look",
  scars: [],
  skinConditions: [],
  dermatologyClearance: false,
  chemotherapy: "none",
} as const satisfies z.input<typeof candidacyAnswersSchema>;

/** What POST /api/v1/quote answers for EXAMPLE_ANSWERS with the built-in price table. */
export const EXAMPLE_RESULT = evaluateCandidacy({ ...EXAMPLE_ANSWERS, scars: [], skinConditions: [] }, DEFAULT_PRICE_TABLE, { locale: "en" });

export const EXAMPLE_LEAD_BODY = {
  answers: EXAMPLE_ANSWERS,
  contact: { firstName: "Alex", lastName: "Rivera", email: "alex.rivera@example.com", phone: "+19495550123", preferredContact: "phone" },
  consent: { contactAccepted: true, privacyAccepted: true, textVersion: "consent-2026-11" },
  source: { utmSource: "google", utmMedium: "cpc", utmCampaign: "smp-winter" },
  idempotencyKey: "6f1c1c1e-8e0a-4c55-9d1a-3d1f6f0b7a10",
} as const satisfies z.input<typeof createLeadSchema>;

export const EXAMPLE_CREATED_LEAD = {
  id: "cmiv0example00000000000001",
  reference: "SMP-7KQ2-94",
  result: EXAMPLE_RESULT,
  access: { url: "https://clinic.example/my/kq2J8Tn0b3yV1uXr5oGzA9c4wLsE7pHd" },
};
