"use server";

import { revalidatePath } from "next/cache";

import { getDb } from "@/lib/db/client";
import { publishPriceTableFromForm, publishPriceTableSchema, restorePriceTableSchema } from "@/lib/pricing/price-table";
import { publishPriceTable, restorePriceTableVersion } from "@/lib/pricing/price-table-store";
import { staffAction } from "@/lib/workspace/staff-action";

/** The admin's price table page (/staff/prices): publish a new version, or restore an old one as a new version. */

export const publishPriceTableAction = staffAction(
  {
    name: "publishPriceTable",
    role: "admin",
    schema: publishPriceTableSchema,
    fromForm: publishPriceTableFromForm,
    returnTo: "/staff/prices",
    invalidMessage: "Some prices need another look. Nothing was published.",
  },
  async ({ user, input: { note, baseVersion, ...rows } }) => {
    const published = await publishPriceTable(getDb(), rows, user.id, { note: note ?? null, ...(baseVersion === undefined ? {} : { expectedActiveVersion: baseVersion }) });
    revalidatePath("/staff/prices");
    return `Version ${published.version} is now the active price table. Saved inquiries keep the version they were quoted from.`;
  },
);

export const restorePriceTableAction = staffAction(
  { name: "restorePriceTable", role: "admin", schema: restorePriceTableSchema, returnTo: "/staff/prices" },
  async ({ user, input }) => {
    const published = await restorePriceTableVersion(getDb(), input.version, user.id, input.baseVersion === undefined ? {} : { expectedActiveVersion: input.baseVersion });
    revalidatePath("/staff/prices");
    return `Version ${input.version} is restored as version ${published.version}, now the active price table. Saved inquiries keep the version they were quoted from.`;
  },
);
