import type { ConsultationStatus, ConsultationType } from "@/lib/booking/schemas";

/** Staff words for consultation types and statuses (the staff screens, exports). Client-safe. */
export const CONSULTATION_TYPE_LABELS: Readonly<Record<ConsultationType, string>> = {
  in_person: "In person",
  video: "Video call",
  phone: "Phone call",
};

export const CONSULTATION_STATUS_LABELS: Readonly<Record<ConsultationStatus, string>> = {
  booked: "Booked",
  cancelled: "Cancelled",
  attended: "Attended",
  no_show: "No-show",
};
