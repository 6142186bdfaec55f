import type { Metadata } from "next";

import { publishPriceTableAction } from "@/app/staff/actions";
import { PriceTableForm } from "@/components/staff/PriceTableForm";
import { PriceVersions } from "@/components/staff/PriceVersions";
import { StaffShell } from "@/components/staff/StaffShell";
import { loadPricesPage } from "@/lib/workspace/page-loaders";

export const metadata: Metadata = { title: "Price table · staff", robots: { index: false } };

export default async function StaffPricesPage() {
  const { user, active, versions } = await loadPricesPage();
  return (
    <StaffShell user={user} current="prices">
      <h1>Price table</h1>
      <p>
        Active: version {active.version}. Publishing creates a new version that new quotes use at once; every saved inquiry keeps the
        version it was quoted from.
      </p>
      <PriceTableForm action={publishPriceTableAction} active={active.table} />
      <PriceVersions versions={versions} />
    </StaffShell>
  );
}
