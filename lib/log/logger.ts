import "server-only";
import pino, { type DestinationStream, type Logger } from "pino";

import { logLevel } from "@/lib/env";
import { redactPatientLinks, scrubPatientLinks } from "@/lib/log/redact";

/**
 * JSON-lines logger. Patient answers and contact details are health data: never pass them here.
 * The redact list is a second line of defence for fields that could slip in by accident, and every
 * line's strings lose whatever follows "/my/" (the patient's link token, lib/log/redact.ts).
 */
export function createLogger(destination?: DestinationStream, level: string = logLevel()): Logger {
  const options: pino.LoggerOptions = {
    level,
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
        "token",
        "*.token",
      ],
      censor: "[redacted]",
    },
    formatters: { log: (object) => scrubPatientLinks(object) },
    hooks: {
      logMethod(args, method) {
        method.apply(this, args.map((arg) => (typeof arg === "string" ? redactPatientLinks(arg) : arg)) as Parameters<typeof method>);
      },
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

export const logger = createLogger();
