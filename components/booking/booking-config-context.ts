"use client";

import { createContext, useContext } from "react";
import type { BookingConfig } from "@/lib/booking/patient-booking-view";

/**
 * The clinic's booking facts inside the questionnaire (read on the server: QuestionnaireSection), so
 * the confirmation screen can offer a time right after the request is sent. Null where nothing
 * provided it or no consultation type is enabled: the confirmation then shows no booking.
 */
export const BookingConfigContext = createContext<BookingConfig | null>(null);

export const useBookingConfig = (): BookingConfig | null => useContext(BookingConfigContext);
