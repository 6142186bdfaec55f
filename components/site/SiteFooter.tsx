import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requestClinicContact } from "@/lib/clinic/contact-server";
import styles from "./site.module.css";

/** Patient-page footer: how to reach the clinic (profile data) and the privacy notice. */
export async function SiteFooter() {
  const t = await getTranslations("site.footer");
  const clinic = await requestClinicContact();
  return (
    <footer className={styles.footer}>
      <div className={styles.footerInner}>
        <h2 className={styles.footerHeading}>{clinic.name}</h2>
        <address className={styles.footerAddress}>
          {clinic.addressLines.map((line) => (
            <span key={line}>{line}</span>
          ))}
          <span>
            {t("phone")} <a href={`tel:${clinic.phone}`}>{clinic.phoneDisplay}</a>
          </span>
          <span>
            {t("email")} <a href={`mailto:${clinic.email}`}>{clinic.email}</a>
          </span>
        </address>
        <h3 className={styles.footerSubheading}>{t("hours")}</h3>
        <ul className={styles.footerHours}>
          {clinic.hours.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
        <p>
          <Link href="/privacy">{t("privacy")}</Link>
        </p>
      </div>
    </footer>
  );
}
