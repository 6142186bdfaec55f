export * from "@/lib/candidacy/answers";
export * from "@/lib/candidacy/result";
export * from "@/lib/candidacy/messages";
export * from "@/lib/candidacy/rules";
export * from "@/lib/candidacy/evaluate";
export type { PriceTable } from "@/lib/pricing/price-table";
export * from "@/lib/candidacy/clearance";
export * from "@/lib/candidacy/verdict";
export * from "@/lib/candidacy/screening";
