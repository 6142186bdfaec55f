import { NextResponse } from "next/server";
import { candidacyAnswersSchema, evaluateCandidacy } from "@/lib/candidacy";
import { getDb } from "@/lib/db/client";
import { validationError } from "@/lib/http/errors";
import { readJsonBody } from "@/lib/http/json-body";
import { apiRoute, requestLocale } from "@/lib/http/route";
import { getActivePriceTable } from "@/lib/pricing/price-table-store";

/** POST /api/v1/quote: pure evaluation against the active price table; nothing is stored. */
export const POST = apiRoute("quote", async (request) => {
  const body = await readJsonBody(request);
  const parsed = candidacyAnswersSchema.safeParse(body);
  if (!parsed.success) throw validationError(parsed.error);
  const table = await getActivePriceTable(getDb());
  const result = evaluateCandidacy(parsed.data, table, { locale: requestLocale(request) });
  return NextResponse.json(result, { headers: { "Cache-Control": "no-store" } });
});
