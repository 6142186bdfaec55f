import { PatientPageNoticeRoute } from "@/components/patient-page/PatientPageNotice";

/** Every link that opens nothing (unknown, expired, erased): one page, one status (404). */
export default function MyInquiryNotFound() {
  return <PatientPageNoticeRoute kind="notFound" />;
}
