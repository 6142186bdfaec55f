import type { Db } from "@/lib/db/client";

import { clinicStep } from "./clinic";
import { demoConsultationsStep } from "./demo-consultations";
import { demoLeadsStep } from "./demo-leads";
import { demoStaffStep } from "./demo-staff";
import { priceTableStep } from "./price-table";
import type { SeedStep } from "./types";

export type { SeedStep } from "./types";

/**
 * The seed, in order. To add a step: write prisma/seed/<name>.ts exporting a SeedStep
 * (idempotent!) and append it here. Demo data (staff accounts, demo leads) uses `always: false`,
 * so it only runs with `npm run db:seed -- --demo`.
 */
export const seedSteps: SeedStep[] = [priceTableStep, clinicStep, demoStaffStep, demoLeadsStep, demoConsultationsStep];

export interface RunSeedOptions {
  demo?: boolean;
  steps?: SeedStep[];
  log?: (line: string) => void;
}

export async function runSeed(db: Db, options: RunSeedOptions = {}): Promise<void> {
  const log = options.log ?? (() => undefined);
  for (const step of options.steps ?? seedSteps) {
    if (!step.always && !options.demo) {
      log(`${step.name}: skipped (demo data; pass --demo)`);
      continue;
    }
    log(`${step.name}: ${await step.run(db)}`);
  }
}
