"use client";

import { createContext, useContext } from "react";
import type { ClinicContact } from "@/lib/clinic/contact";

/**
 * The clinic's public contact inside the questionnaire (the result, the confirmation, the
 * under-18 message), read on the server from the clinic profile (QuestionnaireSection). Null only
 * where nothing provided it (component tests that do not need it).
 */
export const ClinicContactContext = createContext<ClinicContact | null>(null);

export const useClinicContact = (): ClinicContact | null => useContext(ClinicContactContext);

/** "Call the clinic" as a tel: link with the clinic's number, e.g. "(714) 555-0100". */
export function ClinicPhoneLink({ clinic, className }: { clinic: ClinicContact; className?: string }) {
  return (
    <a href={`tel:${clinic.phone}`} className={className}>
      {clinic.phoneDisplay}
    </a>
  );
}
