"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import styles from "@/components/site/site.module.css";

/**
 * The branded error page of every page below the root layout, in the patient's language (the
 * root layout passes the "errorPage" messages). Nothing about the error is shown or logged here:
 * the server logged its name already, and its message could quote patient data.
 */
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("errorPage");
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = t("title");
    heading.current?.focus();
  }, [t]);
  return (
    <main id="main" className="page">
      <h1 ref={heading} tabIndex={-1}>
        {t("title")}
      </h1>
      <p className={styles.lead}>{t("body")}</p>
      <p className={styles.actions}>
        <button type="button" className="button" onClick={reset}>
          {t("retry")}
        </button>
        <Link href="/">{t("home")}</Link>
      </p>
    </main>
  );
}
