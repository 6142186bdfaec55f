import type { Metadata } from "next";

import { publishPriceTableAction, restorePriceTableAction } from "@/app/staff/prices/actions";
import { signOutAction } from "@/app/staff/sign-in/actions";
import { PriceEditor } from "@/components/staff/prices/PriceEditor";
import { PriceVersions } from "@/components/staff/prices/PriceVersions";
import { StaffShell } from "@/components/staff/StaffShell";
import { loadPricesPage } from "@/lib/workspace/page-loaders";

export const metadata: Metadata = { title: "Price table · staff", robots: { index: false } };

export default async function StaffPricesPage() {
  const { user, active, versions, timeZone } = await loadPricesPage();
  const nextVersion = Math.max(active.version, ...versions.map((v) => v.version)) + 1;
  return (
    <StaffShell user={user} current="prices" signOut={signOutAction}>
      <h1>Price table</h1>
      <p>
        Active: version {active.version}. Edit the draft below, check the preview of every price patients would see, then confirm to publish
        it as version {nextVersion}. New quotes use it at once; every saved inquiry keeps the version it was quoted from.
      </p>
      <PriceEditor action={publishPriceTableAction} active={active.table} activeVersion={active.version} nextVersion={nextVersion} />
      <PriceVersions
        action={restorePriceTableAction}
        timeZone={timeZone}
        versions={versions.map((v) => ({
          version: v.version,
          active: v.active,
          createdAt: v.createdAt.toISOString(),
          createdByName: v.createdByName,
          note: v.note,
          table: v.table,
        }))}
      />
    </StaffShell>
  );
}
