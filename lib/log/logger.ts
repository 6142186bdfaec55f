import "server-only";
import pino from "pino";

import { logLevel } from "@/lib/env";

/**
 * JSON-lines logger. Patient answers and contact details are health data: never pass them here.
 * The redact list is a second line of defence for fields that could slip in by accident.
 */
export const logger = pino({
  level: logLevel(),
  base: { service: "smp-estimator" },
  redact: {
    paths: [
      "answers",
      "contact",
      "*.answers",
      "*.contact",
      "email",
      "phone",
      "firstName",
      "lastName",
      "*.email",
      "*.phone",
      "password",
      "*.password",
    ],
    censor: "[redacted]",
  },
});
