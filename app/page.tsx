import Link from "next/link";
import { getTranslations } from "next-intl/server";
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
          <Link href={href} className={`button ${styles.start}`}>
            {t("start")}
          </Link>
        </section>
        <p className={styles.disclaimer}>{t("disclaimer")}</p>
      </main>
      <SiteFooter />
    </>
  );
}
