import { seedPriceTable } from "@/lib/pricing/price-table-store";

import type { SeedStep } from "./types";

export const priceTableStep: SeedStep = {
  name: "price table",
  always: true,
  async run(db) {
    const active = await seedPriceTable(db);
    return `active version ${active.version}`;
  },
};
