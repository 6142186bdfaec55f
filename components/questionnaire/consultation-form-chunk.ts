// The consultation form's own chunk, loaded on the result step only (out of the questionnaire's
// first download). A module of its own so that a test can make the download fail.
export const loadConsultationForm = () => import("./ConsultationForm");
export type ConsultationFormComponent = Awaited<ReturnType<typeof loadConsultationForm>>["default"];
