import { headers } from "next/headers";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { LANDING_RESUME_SCRIPT } from "@/components/site/landing-resume";
import { WhoTreatsYou } from "@/components/site/WhoTreatsYou";
import { requestClinicContact } from "@/lib/clinic/contact-server";
import { NONCE_HEADER } from "@/lib/http/security-headers";
import { SiteFooter } from "@/components/site/SiteFooter";
import { SiteHeader } from "@/components/site/SiteHeader";
import styles from "@/components/site/site.module.css";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const UTM_KEYS = ["utm_source", "utm_medium", "utm_campaign"] as const;

/**
 * Campaign links land here; the questionnaire reads utm_* from its own URL, so they are carried
 * over on the start link (server-side: the landing page ships no JavaScript of its own).
 */
function assessmentHref(params: Record<string, string | string[] | undefined>): string {
  const query = new URLSearchParams();
  for (const key of UTM_KEYS) {
    const value = params[key];
    if (typeof value === "string" && value) query.set(key, value.slice(0, 200));
  }
  const qs = query.toString();
  return qs ? `/assessment?${qs}` : "/assessment";
}

export default async function LandingPage({ searchParams }: { searchParams: SearchParams }) {
  const t = await getTranslations("landing");
  const href = assessmentHref(await searchParams);
  // The page's Content-Security-Policy runs inline scripts only with this request's nonce (proxy.ts).
  const nonce = (await headers()).get(NONCE_HEADER) ?? undefined;
  const clinic = await requestClinicContact();
  return (
    <>
      <SiteHeader />
      <main id="main" className="page">
        <section className={styles.hero} aria-labelledby="landing-heading">
          <h1 id="landing-heading">{t("heading")}</h1>
          <p className={styles.lead}>{t("whatIs")}</p>
          <p>{t("whatIsNot")}</p>
        </section>
        <section className={styles.card} aria-labelledby="landing-cta">
          <h2 id="landing-cta">{t("ctaHeading")}</h2>
          <ul className={styles.points}>
            <li>{t("points.noAccount")}</li>
            <li>{t("points.honest")}</li>
            <li>{t("points.private")}</li>
          </ul>
          <div data-landing-start="">
            <Link href={href} className={`button ${styles.start}`}>
              {t("start")}
            </Link>
          </div>
          {/* A returning visitor's answers are kept on the device: shown instead by the script below. */}
          <div data-landing-resume="" hidden>
            <p>{t("resume.saved")}</p>
            <div className={styles.resumeActions}>
              <Link href={href} className={`button ${styles.start}`}>
                {t("resume.continue")}
              </Link>
              <Link href={href} className={`button button-secondary ${styles.start}`} data-landing-restart="">
                {t("resume.startOver")}
              </Link>
            </div>
          </div>
          <script nonce={nonce} dangerouslySetInnerHTML={{ __html: LANDING_RESUME_SCRIPT }} />
        </section>
        <WhoTreatsYou id="landing-who" heading={t("whoTreatsYou")} text={clinic.whoTreatsYou} />
        <p className={styles.disclaimer}>{t("disclaimer")}</p>
      </main>
      <SiteFooter />
    </>
  );
}
