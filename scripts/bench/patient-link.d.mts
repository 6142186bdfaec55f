// Types of scripts/bench/patient-link.mjs (see that file).
export function patientLeadBody(idempotencyKey?: string): Record<string, unknown>;
export function patientPagePath(status: number, body: unknown, baseUrl: string): string;
export function createPatientPage(baseUrl: string): Promise<string>;
