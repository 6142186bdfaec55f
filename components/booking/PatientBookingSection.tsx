import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import type { PatientPageSectionProps } from "@/components/patient-page/sections";
import { patientBookingOf } from "@/lib/booking/patient-booking";
import { getDb } from "@/lib/db/client";
import { BookingPanel } from "./BookingPanel";

/**
 * The booking section of the patient's own page (/my/<token>, components/patient-page/sections.tsx):
 * the starting state read on the server, the panel in the page's language with only its own words.
 * Nothing when the clinic has no consultation type enabled.
 */
export async function PatientBookingSection({ token, locale }: PatientPageSectionProps) {
  const state = await patientBookingOf(getDb(), token);
  if (state.config.types.length === 0 && !state.consultation) return null;
  const messages = await getMessages({ locale });
  return (
    <NextIntlClientProvider locale={locale} messages={{ booking: messages.booking ?? {} }}>
      <BookingPanel token={token} locale={locale} initial={state} />
    </NextIntlClientProvider>
  );
}
