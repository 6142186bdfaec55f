import type { Weekday } from "@/lib/clinic/schemas";
import type { ConsultationStatus, ConsultationType } from "@/lib/booking/schemas";

/**
 * What the patient's booking panel (components/booking/BookingPanel.tsx) is given by the server:
 * the clinic's booking facts (read from lib/booking/settings.ts and the clinic profile, never decided
 * here) and the inquiry's consultation and call-back preference. Client-safe: types only.
 * The panel only SHOWS these; the server enforces notice, window and cut-off (lib/booking/consultations.ts).
 */
export interface BookingConfig {
  /** The clinic's IANA time zone: every time on the panel is the clinic's wall clock, named. */
  timeZone: string;
  /** Enabled consultation types only, in the order CONSULTATION_TYPES lists them. */
  types: { type: ConsultationType; lengthMinutes: number }[];
  /** The self-service cut-off: move or cancel online until this long before the start. */
  cutoffMinutes: number;
  /** The clinic's date today and the last date of the booking window ("YYYY-MM-DD"). */
  today: string;
  lastDate: string;
  clinicPhone: string;
  clinicPhoneDisplay: string;
}

export interface PatientConsultation {
  id: string;
  type: ConsultationType;
  start: string;
  end: string;
  status: ConsultationStatus;
  version: number;
  /** Before the self-service cut-off (the server's answer at page load; the server re-checks on every change). */
  changeableOnline: boolean;
}

export interface PatientCallback {
  preferredTimes: string;
  days: Weekday[];
}

export interface PatientBookingState {
  config: BookingConfig;
  consultation: PatientConsultation | null;
  callback: PatientCallback | null;
}
