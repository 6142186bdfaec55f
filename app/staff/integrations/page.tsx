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
          <table className={styles.table}>
            <caption>Keys (the key itself is never shown again; the first characters help you recognise it)</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Key</th>
                <th scope="col">Scopes</th>
                <th scope="col">Created</th>
                <th scope="col">Last used</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {keys.length === 0 ? (
                <tr>
                  <td colSpan={6}>No keys yet.</td>
                </tr>
              ) : (
                keys.map((key) => (
                  <tr key={key.id}>
                    <th scope="row">{key.name}</th>
                    <td>
                      <code>{key.prefix}…</code>
                    </td>
                    <td>{key.scopes.map((s) => API_KEY_SCOPE_LABELS[s]).join(", ")}</td>
                    <td>
                      {formatDateTime(key.createdAt)} by {key.createdBy.name}
                    </td>
                    <td>{key.lastUsedAt ? formatDateTime(key.lastUsedAt) : "Never"}</td>
                    <td>
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
              <table className={styles.table}>
                <caption>Latest deliveries</caption>
                <thead>
                  <tr>
                    <th scope="col">Event</th>
                    <th scope="col">Created</th>
                    <th scope="col">Status</th>
                    <th scope="col">Attempts</th>
                    <th scope="col">Last answer</th>
                    <th scope="col">Next try</th>
                    <th scope="col">Resend</th>
                  </tr>
                </thead>
                <tbody>
                  {deliveries.length === 0 ? (
                    <tr>
                      <td colSpan={7}>Nothing sent yet.</td>
                    </tr>
                  ) : (
                    deliveries.map((d) => (
                      <tr key={d.id}>
                        <th scope="row">
                          <code>{d.eventType}</code>
                        </th>
                        <td>{formatDateTime(d.createdAt)}</td>
                        <td>{STATUS_LABELS[d.status]}</td>
                        <td>{d.attempts}</td>
                        <td>{d.lastResponseCode !== null ? `HTTP ${d.lastResponseCode}` : (d.lastError ?? "—")}</td>
                        <td>{d.status === "pending" && d.nextAttemptAt ? formatDateTime(d.nextAttemptAt) : "—"}</td>
                        <td>
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
