import * as apiKeyById from "@/app/api/v1/api-keys/[id]/route";
import * as apiKeys from "@/app/api/v1/api-keys/route";
import * as auditExportCsv from "@/app/api/v1/audit/export.csv/route";
import * as bookingSlots from "@/app/api/v1/booking/slots/route";
import * as consultationById from "@/app/api/v1/consultations/[id]/route";
import * as consultations from "@/app/api/v1/consultations/route";
import * as health from "@/app/api/v1/health/route";
import * as leadAssessment from "@/app/api/v1/leads/[id]/assessment/route";
import * as leadDocumentById from "@/app/api/v1/leads/[id]/documents/[documentId]/route";
import * as leadDocuments from "@/app/api/v1/leads/[id]/documents/route";
import * as leadConsultation from "@/app/api/v1/leads/[id]/consultation/route";
import * as leadMerge from "@/app/api/v1/leads/[id]/merge/route";
import * as leadMergeUndo from "@/app/api/v1/leads/[id]/merge/undo/route";
import * as leadPhotoById from "@/app/api/v1/leads/[id]/photos/[photoId]/route";
import * as leadPhotos from "@/app/api/v1/leads/[id]/photos/route";
import * as leadById from "@/app/api/v1/leads/[id]/route";
import * as leadsBulk from "@/app/api/v1/leads/bulk/route";
import * as leadsExportCsv from "@/app/api/v1/leads/export.csv/route";
import * as leadsExportXlsx from "@/app/api/v1/leads/export.xlsx/route";
import * as leads from "@/app/api/v1/leads/route";
import * as myCallback from "@/app/api/v1/my/[token]/callback/route";
import * as myConsultation from "@/app/api/v1/my/[token]/consultation/route";
import * as myExport from "@/app/api/v1/my/[token]/export/route";
import * as myPhotoById from "@/app/api/v1/my/[token]/photos/[photoId]/route";
import * as myPhotos from "@/app/api/v1/my/[token]/photos/route";
import * as myInquiry from "@/app/api/v1/my/[token]/route";
import * as myLink from "@/app/api/v1/my/link/route";
import * as questionnaireEvents from "@/app/api/v1/questionnaire-events/route";
import * as quote from "@/app/api/v1/quote/route";
import * as reportsSummary from "@/app/api/v1/reports/summary/route";
import * as webhookDeliveryResend from "@/app/api/v1/webhook-deliveries/[id]/resend/route";
import * as webhookEndpointDeliveries from "@/app/api/v1/webhook-endpoints/[id]/deliveries/route";
import * as webhookEndpointById from "@/app/api/v1/webhook-endpoints/[id]/route";
import * as webhookEndpoints from "@/app/api/v1/webhook-endpoints/route";
import { appOrigin, getEnv } from "@/lib/env";
import { buildOpenApiDocument } from "@/lib/http/openapi";
import { endpoint, json, route } from "@/lib/http/route";

/**
 * Every /api/v1 route module. A new route file goes here too: tests/integration/api/openapi.test.ts
 * fails while a route file under app/api/v1 is missing from the document.
 */
const ROUTE_MODULES = [
  apiKeys,
  apiKeyById,
  auditExportCsv,
  bookingSlots,
  consultations,
  consultationById,
  health,
  leads,
  leadById,
  leadMerge,
  leadMergeUndo,
  leadPhotos,
  leadPhotoById,
  leadDocuments,
  leadDocumentById,
  leadAssessment,
  leadConsultation,
  leadsBulk,
  leadsExportCsv,
  leadsExportXlsx,
  myInquiry,
  myExport,
  myPhotos,
  myPhotoById,
  myConsultation,
  myCallback,
  myLink,
  questionnaireEvents,
  quote,
  reportsSummary,
  webhookEndpoints,
  webhookEndpointById,
  webhookEndpointDeliveries,
  webhookDeliveryResend,
];

const API_VERSION = "1.0.0";

let cached: Record<string, unknown> | undefined;

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/v1/openapi.json", {
  /** The OpenAPI 3.1 description of every /api/v1 endpoint, from the schemas that validate requests. */
  GET: route(
    {
      name: "openapi",
      summary: "This document: OpenAPI 3.1 (public)",
      database: false,
      responses: { 200: { description: "The OpenAPI 3.1 document.", contentType: "application/json", example: { openapi: "3.1.0", info: { title: "SMP estimator API", version: API_VERSION }, paths: {} } } },
    },
    async () => {
      const env = getEnv();
      cached ??= buildOpenApiDocument([...ROUTE_MODULES, { GET }], { version: API_VERSION, serverUrl: appOrigin(env), production: env.NODE_ENV === "production" });
      return json(cached, { headers: { "Cache-Control": "public, max-age=300" } });
    },
  ),
});
