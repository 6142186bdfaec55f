import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PatientPageNoticeRoute } from "@/components/patient-page/PatientPageNotice";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("patientPage");
  return { title: t("erased.title"), robots: { index: false, follow: false }, referrer: "no-referrer" };
}

/** Where "Erase my request" lands once the request is gone (the link itself now opens nothing). */
export default function ErasedPage() {
  return <PatientPageNoticeRoute kind="erased" />;
}
