/** Runs the slot checks in a process of its own (slots.test.ts starts it with TZ set) and prints the report as one JSON line. */
import { slotsReport } from "./slots-checks";

process.stdout.write(`${JSON.stringify(slotsReport())}\n`);
