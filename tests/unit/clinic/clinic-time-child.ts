/**
 * Runs the clinic time checks in a process of its own (time.test.ts starts it with TZ set) and
 * prints the report as one JSON line.
 */
import { clinicTimeReport } from "./clinic-time-checks";

process.stdout.write(`${JSON.stringify(clinicTimeReport(Number(process.argv[2] ?? 150)))}\n`);
