import { DEFAULT_CLINIC_TIME_ZONE } from "@/lib/clinic/defaults";

/** Dates and money as the front desk reads them (clinic time zone, US English). Client-safe. */
const dateTime = new Intl.DateTimeFormat("en-US", { timeZone: DEFAULT_CLINIC_TIME_ZONE, dateStyle: "medium", timeStyle: "short" });
const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 0 });

export function formatDateTime(iso: string | Date): string {
  return dateTime.format(typeof iso === "string" ? new Date(iso) : iso);
}

export function formatUsd(amount: number): string {
  return usd.format(amount);
}

export function formatPriceRange(minUsd: number, maxUsd: number): string {
  return minUsd === maxUsd ? formatUsd(minUsd) : `${formatUsd(minUsd)} – ${formatUsd(maxUsd)}`;
}
