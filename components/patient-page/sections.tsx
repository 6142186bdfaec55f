import type { ReactNode } from "react";
import type { AppLocale } from "@/lib/i18n/locales";
import type { PatientView } from "@/lib/patient-access/schemas";

/**
 * The parts of the patient's own page that later issues add (the consultation booking, the photos,
 * a confirmed estimate). Each is ONE entry below: a server or client component that renders its own
 * `<section>` with a heading, given the view, the link's token (for its own /api/v1/my/{token}/...
 * calls) and the page's language. The page renders them, in this order, between "Where your request
 * stands" and "What we told you". Nothing is shown for a feature that has no entry yet.
 */
export interface PatientPageSectionProps {
  view: PatientView;
  token: string;
  locale: AppLocale;
}

export interface PatientPageSection {
  /** A stable id (the section's `data-section`), e.g. "booking", "photos". */
  id: string;
  Component: (props: PatientPageSectionProps) => ReactNode | Promise<ReactNode>;
}

export const PATIENT_PAGE_SECTIONS: readonly PatientPageSection[] = [];

export function PatientPageSections({ sections = PATIENT_PAGE_SECTIONS, ...props }: PatientPageSectionProps & { sections?: readonly PatientPageSection[] }) {
  return (
    <>
      {sections.map(({ id, Component }) => (
        <div key={id} data-section={id}>
          <Component {...props} />
        </div>
      ))}
    </>
  );
}
