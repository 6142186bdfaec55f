import "server-only";

import { listApiKeys } from "@/lib/api-keys/keys";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { requireStaff } from "@/lib/staff/require-staff";
import { listWebhookDeliveries, listWebhookEndpoints } from "@/lib/webhooks/endpoints";

/** Deliveries shown per endpoint on the page (the API lists 100). */
const PAGE_DELIVERIES = 20;

/** /staff/integrations (admin): keys, endpoints with their latest deliveries, the operator's LEAD_WEBHOOK_URL host. */
export async function loadIntegrationsPage() {
  const user = await requireStaff("admin", "/staff/integrations");
  const db = getDb();
  const [keys, endpointList] = await Promise.all([listApiKeys(db), listWebhookEndpoints(db)]);
  const endpoints = await Promise.all(endpointList.map(async (endpoint) => ({ endpoint, deliveries: await listWebhookDeliveries(db, endpoint.id, PAGE_DELIVERIES) })));
  const url = getEnv().LEAD_WEBHOOK_URL;
  // The origin only: a path or query may hold a token of the receiver.
  const operatorWebhook = url ? new URL(url).origin : null;
  return { user, keys, endpoints, operatorWebhook };
}
