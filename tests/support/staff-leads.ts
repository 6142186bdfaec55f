/** Inquiries for the staff tests, stored through the application's own createLead (as a patient would). */
import type { CandidacyAnswers } from "@/lib/candidacy/answers";
import type { Db } from "@/lib/db/client";
import { createLead } from "@/lib/leads/create-lead";
import { createLeadSchema, type CreateLeadBody } from "@/lib/leads/lead-input";

import { buildLeadBody } from "./lead-builders";

export interface StoredLeadOptions {
  answers?: Partial<CandidacyAnswers>;
  contact?: Partial<CreateLeadBody["contact"]>;
  source?: CreateLeadBody["source"];
  now?: Date;
}

export async function storeLead(db: Db, options: StoredLeadOptions = {}): Promise<string> {
  const body = buildLeadBody({ answers: options.answers, contact: options.contact, source: options.source });
  const input = createLeadSchema.parse(body);
  const outcome = await createLead(db, input, { ip: "203.0.113.7", channels: [], ...(options.now ? { now: options.now } : {}) });
  if (!outcome.stored) throw new Error("lead not stored");
  return outcome.id;
}

export const BASE_URL = "http://localhost:3000";

export function staffRequest(path: string, headers: Headers, init: RequestInit = {}): Request {
  const h = new Headers(headers);
  if (init.body !== undefined) h.set("content-type", "application/json");
  return new Request(`${BASE_URL}${path}`, { ...init, headers: h });
}

export const ctx = (id: string) => ({ params: Promise.resolve({ id }) });
