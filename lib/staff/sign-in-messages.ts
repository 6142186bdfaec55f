/** Words of the staff sign-in that tests and the UI share (client-safe: no server imports). */
export const DEACTIVATED_MESSAGE = "This account has been deactivated. Ask the clinic admin.";
