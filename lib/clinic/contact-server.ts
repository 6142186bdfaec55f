import "server-only";

import { getLocale } from "next-intl/server";
import { clinicContactOf, type ClinicContact } from "@/lib/clinic/contact";
import { getClinicProfile } from "@/lib/clinic/store";
import { getDb } from "@/lib/db/client";

/** The clinic's public contact for this request's language (cached profile read, decision 011). */
export async function requestClinicContact(locale?: "en" | "es"): Promise<ClinicContact> {
  const language = locale ?? ((await getLocale()) === "es" ? "es" : "en");
  return clinicContactOf(await getClinicProfile(getDb()), language);
}
