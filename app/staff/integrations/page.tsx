import type { Metadata } from "next";

import {
  createApiKeyAction,
  createWebhookEndpointAction,
  deleteWebhookEndpointAction,
  resendWebhookDeliveryAction,
  revokeApiKeyAction,
  setWebhookEndpointEnabledAction,
} from "@/app/staff/integrations/actions";
import { signOutAction } from "@/app/staff/sign-in/actions";
import { ButtonForm, CreateApiKeyForm, CreateWebhookEndpointForm } from "@/components/staff/IntegrationForms";
import { StaffShell } from "@/components/staff/StaffShell";
import styles from "@/components/staff/staff.module.css";
import { API_KEY_SCOPE_LABELS } from "@/lib/api-keys/scopes";
import { WEBHOOK_EVENT_LABELS } from "@/lib/webhooks/events";
import { formatDateTime } from "@/lib/workspace/format";
import { loadIntegrationsPage } from "@/lib/workspace/integrations-page";

export const metadata: Metadata = { title: "Integrations · staff", robots: { index: false } };

const STATUS_LABELS = { pending: "Sending", delivered: "Delivered", failed: "Failed" } as const;

/** The tables' column names: their header rows, and the labels of each card on a phone. */
const KEY_COLUMNS = { name: "Name", key: "Key", scopes: "Scopes", created: "Created", lastUsed: "Last used", status: "Status" } as const;
const DELIVERY_COLUMNS = { event: "Event", created: "Created", status: "Status", attempts: "Attempts", lastAnswer: "Last answer", nextTry: "Next try", resend: "Resend" } as const;

export default async function IntegrationsPage() {
  const { user, keys, endpoints, operatorWebhook } = await loadIntegrationsPage();
  return (
    <StaffShell user={user} current="integrations" signOut={signOutAction}>
      <h1>Integrations</h1>
      <p className={styles.hint}>
        For the clinic&apos;s CRM, EMR or marketing tools: API keys to read and change inquiries over <code>/api/v1</code> (
        <code>Authorization: Bearer smp_…</code>), and webhooks that tell them when something happens. Every call with a key is in the audit log.
      </p>

      <section className={styles.panel} aria-labelledby="keys-heading">
        <h2 id="keys-heading">API keys</h2>
        <CreateApiKeyForm action={createApiKeyAction} />
        <div className={styles.tableWrap}>
          <table className={`${styles.table} ${styles.cardTable}`} role="table">
            <caption>Keys (the key itself is never shown again; the first characters help you recognise it)</caption>
            <thead role="rowgroup">
              <tr role="row">
                <th scope="col" role="columnheader">{KEY_COLUMNS.name}</th>
                <th scope="col" role="columnheader">{KEY_COLUMNS.key}</th>
                <th scope="col" role="columnheader">{KEY_COLUMNS.scopes}</th>
                <th scope="col" role="columnheader">{KEY_COLUMNS.created}</th>
                <th scope="col" role="columnheader">{KEY_COLUMNS.lastUsed}</th>
                <th scope="col" role="columnheader">{KEY_COLUMNS.status}</th>
              </tr>
            </thead>
            <tbody role="rowgroup">
              {keys.length === 0 ? (
                <tr role="row">
                  <td role="cell" colSpan={6}>No keys yet.</td>
                </tr>
              ) : (
                keys.map((key) => (
                  <tr role="row" key={key.id}>
                    <th scope="row" role="rowheader">{key.name}</th>
                    <td role="cell" data-label={KEY_COLUMNS.key}>
                      <code>{key.prefix}…</code>
                    </td>
                    <td role="cell" data-label={KEY_COLUMNS.scopes}>{key.scopes.map((s) => API_KEY_SCOPE_LABELS[s]).join(", ")}</td>
                    <td role="cell" data-label={KEY_COLUMNS.created}>
                      {formatDateTime(key.createdAt)} by {key.createdBy.name}
                    </td>
                    <td role="cell" data-label={KEY_COLUMNS.lastUsed}>{key.lastUsedAt ? formatDateTime(key.lastUsedAt) : "Never"}</td>
                    <td role="cell" data-label={KEY_COLUMNS.status}>
                      {key.revokedAt ? (
                        <strong>Revoked {formatDateTime(key.revokedAt)}</strong>
                      ) : (
                        <ButtonForm
                          action={revokeApiKeyAction}
                          fields={{ id: key.id }}
                          label="Revoke"
                          pendingLabel="Revoking…"
                          accessibleLabel={`Revoke the key ${key.name}`}
                          confirm={`Revoke “${key.name}”? Whatever uses it stops working at once.`}
                        />
                      )}
                    </td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </div>
      </section>

      <section className={styles.panel} aria-labelledby="webhooks-heading">
        <h2 id="webhooks-heading">Webhook endpoints</h2>
        <p className={styles.hint}>
          Each event is a signed POST (Standard Webhooks: <code>webhook-id</code>, <code>webhook-timestamp</code>, <code>webhook-signature</code>) carrying ids,
          statuses and references, never a patient&apos;s name, contact details or answers. Failed sends are retried with growing pauses, then marked failed.
        </p>
        <CreateWebhookEndpointForm action={createWebhookEndpointAction} />
        {operatorWebhook ? (
          <p className={styles.hint}>
            Also set up by the server&apos;s operator (<code>LEAD_WEBHOOK_URL</code>): <code>{operatorWebhook}</code> receives new and overdue inquiries in its own format.
          </p>
        ) : null}
        {endpoints.map(({ endpoint, deliveries }) => (
          <section key={endpoint.id} className={styles.panel} aria-label={`Endpoint ${endpoint.url}`}>
            <h3>
              <code>{endpoint.url}</code> {endpoint.enabled ? "" : <strong>(disabled)</strong>}
            </h3>
            <p>Events: {endpoint.events.map((e) => WEBHOOK_EVENT_LABELS[e]).join(", ")}</p>
            <div className={styles.actionsRow}>
              <ButtonForm
                action={setWebhookEndpointEnabledAction}
                fields={{ id: endpoint.id, enabled: endpoint.enabled ? "off" : "on" }}
                label={endpoint.enabled ? "Disable" : "Enable"}
                pendingLabel="Saving…"
                accessibleLabel={`${endpoint.enabled ? "Disable" : "Enable"} ${endpoint.url}`}
              />
              <ButtonForm
                action={deleteWebhookEndpointAction}
                fields={{ id: endpoint.id }}
                label="Delete"
                pendingLabel="Deleting…"
                accessibleLabel={`Delete ${endpoint.url}`}
                confirm="Delete this endpoint and its delivery log?"
              />
            </div>
            <div className={styles.tableWrap}>
              <table className={`${styles.table} ${styles.cardTable}`} role="table">
                <caption>Latest deliveries</caption>
                <thead role="rowgroup">
                  <tr role="row">
                    <th scope="col" role="columnheader">{DELIVERY_COLUMNS.event}</th>
                    <th scope="col" role="columnheader">{DELIVERY_COLUMNS.created}</th>
                    <th scope="col" role="columnheader">{DELIVERY_COLUMNS.status}</th>
                    <th scope="col" role="columnheader">{DELIVERY_COLUMNS.attempts}</th>
                    <th scope="col" role="columnheader">{DELIVERY_COLUMNS.lastAnswer}</th>
                    <th scope="col" role="columnheader">{DELIVERY_COLUMNS.nextTry}</th>
                    <th scope="col" role="columnheader">{DELIVERY_COLUMNS.resend}</th>
                  </tr>
                </thead>
                <tbody role="rowgroup">
                  {deliveries.length === 0 ? (
                    <tr role="row">
                      <td role="cell" colSpan={7}>Nothing sent yet.</td>
                    </tr>
                  ) : (
                    deliveries.map((d) => (
                      <tr role="row" key={d.id}>
                        <th scope="row" role="rowheader">
                          <code>{d.eventType}</code>
                        </th>
                        <td role="cell" data-label={DELIVERY_COLUMNS.created}>{formatDateTime(d.createdAt)}</td>
                        <td role="cell" data-label={DELIVERY_COLUMNS.status}>{STATUS_LABELS[d.status]}</td>
                        <td role="cell" data-label={DELIVERY_COLUMNS.attempts}>{d.attempts}</td>
                        <td role="cell" data-label={DELIVERY_COLUMNS.lastAnswer}>{d.lastResponseCode !== null ? `HTTP ${d.lastResponseCode}` : (d.lastError ?? "—")}</td>
                        <td role="cell" data-label={DELIVERY_COLUMNS.nextTry}>{d.status === "pending" && d.nextAttemptAt ? formatDateTime(d.nextAttemptAt) : "—"}</td>
                        <td role="cell" data-label={DELIVERY_COLUMNS.resend}>
                          {d.status === "pending" ? (
                            "—"
                          ) : (
                            <ButtonForm action={resendWebhookDeliveryAction} fields={{ id: d.id }} label="Resend" pendingLabel="Queuing…" accessibleLabel={`Resend ${d.eventType} of ${formatDateTime(d.createdAt)}`} />
                          )}
                        </td>
                      </tr>
                    ))
                  )}
                </tbody>
              </table>
            </div>
          </section>
        ))}
      </section>
    </StaffShell>
  );
}
