import type { Metadata } from "next";

import { signOutAction } from "@/app/staff/sign-in/actions";
import { CopyButton } from "@/components/staff/CopyButton";
import { EmbedPreview } from "@/components/staff/EmbedPreview";
import { StaffShell } from "@/components/staff/StaffShell";
import styles from "@/components/staff/staff.module.css";
import { ANALYTICS_EXAMPLE, embedSnippet } from "@/lib/embed/snippet";
import { loadEmbedPage } from "@/lib/workspace/page-loaders";

export const metadata: Metadata = { title: "Add to your website · staff", robots: { index: false } };

/**
 * Admin only (front desk: 403). Everything the clinic's web person needs to put the questionnaire
 * on the clinic's own site: which sites may show it (EMBED_ALLOWED_ORIGINS), the tag to paste, an
 * analytics example for the two events, and the live questionnaire as it will appear.
 */
export default async function StaffEmbedPage() {
  const { user, appOrigin, allowedOrigins } = await loadEmbedPage();
  return (
    <StaffShell user={user} current="embed" signOut={signOutAction}>
      <h1>Add to your website</h1>
      <p>
        The questionnaire can run inside any page of the clinic&apos;s own website: one tag, a frame that grows and shrinks with the
        questions, and every inquiry records the campaign (utm tags) and referrer of that page.
      </p>

      <section className={styles.panel} aria-labelledby="embed-sites">
        <h2 id="embed-sites">1. The sites allowed to show it</h2>
        {allowedOrigins.length > 0 ? (
          <>
            <p>Browsers show the questionnaire only on these sites; any other site gets a blocked frame.</p>
            <ul>
              {allowedOrigins.map((origin) => (
                <li key={origin}>
                  <code>{origin}</code>
                </li>
              ))}
            </ul>
            <p className={styles.muted}>
              To add a site (for example the address with and without www), add its origin to <code>EMBED_ALLOWED_ORIGINS</code>{" "}
              and restart the app.
            </p>
          </>
        ) : (
          <div role="note" className={styles.warning}>
            <p>
              <strong>No website may show the questionnaire yet.</strong> Browsers refuse to show it in a frame on any other site
              until its address is allowed, so nobody can put the clinic&apos;s form on a page the clinic does not control.
            </p>
            <p>
              Set <code>EMBED_ALLOWED_ORIGINS</code> to your website&apos;s origin (scheme and host, no path), several separated
              by commas, then restart the app. For example:
            </p>
            <pre className={styles.code}>
              <code>EMBED_ALLOWED_ORIGINS=https://www.yourclinic.com,https://yourclinic.com</code>
            </pre>
          </div>
        )}
      </section>

      <section className={styles.panel} aria-labelledby="embed-snippet">
        <h2 id="embed-snippet">2. Paste this where the questionnaire should appear</h2>
        <pre className={styles.code} id="embed-snippet-code">
          <code>{embedSnippet(appOrigin)}</code>
        </pre>
        <CopyButton targetId="embed-snippet-code" label="Copy the tag" />
        <ul className={styles.muted}>
          <li>
            <code>data-locale=&quot;es&quot;</code> shows it in Spanish (<code>&quot;en&quot;</code> in English); without it, the
            visitor&apos;s browser language decides.
          </li>
          <li>
            <code>data-target=&quot;#smp-estimator&quot;</code> puts it inside the element with that id instead of where the tag
            stands.
          </li>
        </ul>
      </section>

      <section className={styles.panel} aria-labelledby="embed-analytics">
        <h2 id="embed-analytics">3. Count results and requests in your analytics (optional)</h2>
        <p>
          Your page receives two events: <code>smp:completed</code> when a patient sees their result and{" "}
          <code>smp:consultation-requested</code> when they ask for a consultation. They carry the result&apos;s status and the
          inquiry&apos;s reference, never a name, email, phone or answer. This example passes them to Google Tag Manager:
        </p>
        <pre className={styles.code} id="embed-analytics-code">
          <code>{ANALYTICS_EXAMPLE}</code>
        </pre>
        <CopyButton targetId="embed-analytics-code" label="Copy the example" />
      </section>

      <section className={styles.panel} aria-labelledby="embed-preview">
        <h2 id="embed-preview">Preview</h2>
        <p>
          The live questionnaire as your page will show it. A consultation request sent from here is real: it reaches the inbox.
        </p>
        <EmbedPreview appOrigin={appOrigin} />
      </section>
    </StaffShell>
  );
}
