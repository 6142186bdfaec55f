"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";

import { createApiKey, revokeApiKey } from "@/lib/api-keys/keys";
import { apiKeyCreateSchema, apiKeyIdParamsSchema } from "@/lib/api-keys/scopes";
import { getDb } from "@/lib/db/client";
import { createWebhookEndpoint, deleteWebhookEndpoint, resendWebhookDelivery, updateWebhookEndpoint } from "@/lib/webhooks/endpoints";
import { webhookEndpointCreateSchema, webhookIdParamsSchema } from "@/lib/webhooks/events";
import { staffAction } from "@/lib/workspace/staff-action";

/** The admin's integrations page (/staff/integrations, decision 024): API keys and webhook endpoints. */

const PATH = "/staff/integrations";

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" && value.trim() !== "" ? value : undefined;
};

export const createApiKeyAction = staffAction(
  {
    name: "createApiKey",
    role: "admin",
    schema: apiKeyCreateSchema,
    returnTo: PATH,
    invalidMessage: "The key needs a name and at least one scope.",
    fromForm: (form) => ({ name: text(form, "name") ?? "", scopes: form.getAll("scopes").filter((v) => typeof v === "string") }),
  },
  async ({ user, input }) => {
    const created = await createApiKey(getDb(), user.id, input);
    revalidatePath(PATH);
    return { status: "ok", message: `Key "${created.name}" created. Copy it now: it is not shown again.`, data: { key: created.key } };
  },
);

export const revokeApiKeyAction = staffAction(
  { name: "revokeApiKey", role: "admin", schema: apiKeyIdParamsSchema, returnTo: PATH },
  async ({ user, input }) => {
    await revokeApiKey(getDb(), user.id, input.id);
    revalidatePath(PATH);
    return "Key revoked: calls with it are refused from now on.";
  },
);

export const createWebhookEndpointAction = staffAction(
  {
    name: "createWebhookEndpoint",
    role: "admin",
    schema: webhookEndpointCreateSchema,
    returnTo: PATH,
    invalidMessage: "The endpoint needs a URL and at least one event.",
    fromForm: (form) => ({ url: text(form, "url") ?? "", events: form.getAll("events").filter((v) => typeof v === "string") }),
  },
  async ({ user, input }) => {
    const created = await createWebhookEndpoint(getDb(), user.id, input);
    revalidatePath(PATH);
    return { status: "ok", message: "Endpoint added. Copy its signing secret now: it is not shown again.", data: { secret: created.secret } };
  },
);

const endpointEnabledSchema = webhookIdParamsSchema.extend({ enabled: z.enum(["on", "off"]) });

export const setWebhookEndpointEnabledAction = staffAction(
  { name: "setWebhookEndpointEnabled", role: "admin", schema: endpointEnabledSchema, returnTo: PATH },
  async ({ user, input }) => {
    await updateWebhookEndpoint(getDb(), user.id, input.id, { enabled: input.enabled === "on" });
    revalidatePath(PATH);
    return input.enabled === "on" ? "Endpoint enabled." : "Endpoint disabled: it receives nothing until you enable it.";
  },
);

export const deleteWebhookEndpointAction = staffAction(
  { name: "deleteWebhookEndpoint", role: "admin", schema: webhookIdParamsSchema, returnTo: PATH },
  async ({ user, input }) => {
    await deleteWebhookEndpoint(getDb(), user.id, input.id);
    revalidatePath(PATH);
    return "Endpoint deleted.";
  },
);

export const resendWebhookDeliveryAction = staffAction(
  { name: "resendWebhookDelivery", role: "admin", schema: webhookIdParamsSchema, returnTo: PATH },
  async ({ user, input }) => {
    await resendWebhookDelivery(getDb(), user.id, input.id);
    revalidatePath(PATH);
    return "Queued again.";
  },
);
