// See scripts/bench/staff.mjs. Seeds BENCH_LEADS inquiries with one multi-row prepared INSERT per
// 500 rows inside a single transaction (better-sqlite3, the same column formats Prisma writes), then
// times the same lib functions the staff pages and API call.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";

import { closeDb, createDb } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { getLeadDetail } from "@/lib/leads/lead-detail";
import { replyClock } from "@/lib/leads/reply-clock";
import type { LeadListQuery } from "@/lib/leads/lead-filters";
import { countLeadsByStatus, listCallFirst, listLeads } from "@/lib/leads/staff-inbox";

import { seedLeads } from "./seed-leads";

const TOTAL = Number(process.env.BENCH_LEADS) || 100_000;
const ITERATIONS = Number(process.env.BENCH_ITERATIONS) || 60;
const GOAL_INBOX_MS = 50;
const GOAL_DETAIL_MS = 30;
const DAY = 86_400_000;


function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

async function time(run: () => Promise<unknown>): Promise<{ p50: number; p95: number; max: number }> {
  for (let i = 0; i < 5; i++) await run();
  const samples: number[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    const t0 = performance.now();
    await run();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p95: percentile(samples, 95), max: samples[samples.length - 1] ?? Number.NaN };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), "smp-bench-staff-"));
  const url = `file:${path.join(dir, "bench.db")}`;
  try {
    await migrate(url);
    const { ids, seconds } = seedLeads(path.join(dir, "bench.db"), TOTAL);
    console.log(`Seeded ${TOTAL.toLocaleString("en-US")} inquiries into a fresh SQLite file in ${seconds.toFixed(1)} s.`);
    const db = createDb(url);
    const context = { clock: await replyClock(db), viewerId: "bench-viewer" };

    const mid = await listLeads(db, { limit: 100 }, context);
    let deepCursor = mid.nextCursor ?? undefined;
    for (let i = 0; i < 200 && deepCursor; i++) deepCursor = (await listLeads(db, { limit: 100, cursor: deepCursor }, context)).nextCursor ?? undefined;
    const someLead = await db.lead.findFirstOrThrow({ where: { id: ids[Math.floor(ids.length / 3)] ?? "" } });
    const lastMonthFrom = new Date(Date.now() - 60 * DAY).toISOString().slice(0, 10);
    const lastMonthTo = new Date(Date.now() - 30 * DAY).toISOString().slice(0, 10);

    const page = (q: Partial<LeadListQuery>) => () => listLeads(db, { limit: 25, ...q }, context);
    const matrix: [string, () => Promise<unknown>][] = [
      ["who to call first (4 groups + totals)", () => listCallFirst(db, context)],
      ["counts per status", () => countLeadsByStatus(db)],
      ["all, first page", page({})],
      ["all, page 200 (cursor)", page({ cursor: deepCursor })],
      ["all, limit 100", page({ limit: 100 })],
      ["status=new", page({ status: "new" })],
      ["status=not_proceeding", page({ status: "not_proceeding" })],
      ["eligibility=clearance_required", page({ eligibility: "clearance_required" })],
      ["status=new + eligibility=eligible", page({ status: "new", eligibility: "eligible" })],
      ["flag=DERM_CLEARANCE_REQUIRED", page({ flag: "DERM_CLEARANCE_REQUIRED" })],
      ["flag=PIGMENT_ALLERGY", page({ flag: "PIGMENT_ALLERGY" })],
      ["flag=KELOID_TENDENCY (no match)", page({ flag: "KELOID_TENDENCY" })],
      ["norwood=3", page({ norwood: "3" })],
      ["ludwig=II", page({ ludwig: "II" })],
      ["q=garcia (common name)", page({ q: "garcia" })],
      ["q=exact email", page({ q: someLead.email })],
      ["q=phone (formatted)", page({ q: `(949) ${someLead.phone.slice(5, 8)}-${someLead.phone.slice(8)}` })],
      ["q=partial digits", page({ q: someLead.phone.slice(-7) })],
      ["q=no match", page({ q: "zzyzx" })],
      ["from/to one month", page({ from: lastMonthFrom, to: lastMonthTo })],
      ["status=became_patient + from/to", page({ status: "became_patient", from: lastMonthFrom, to: lastMonthTo })],
      ["eligibility + flag + q", page({ eligibility: "clearance_required", flag: "DERM_CLEARANCE_REQUIRED", q: "nguyen" })],
      // Worst cases: a common value plus a filter nothing matches (every index entry is read).
      ["eligibility=eligible + q=no match", page({ eligibility: "eligible", q: "zzyzx" })],
      ["status=not_proceeding + flag (no match)", page({ status: "not_proceeding", flag: "KELOID_TENDENCY" })],
      ["norwood=7 + ludwig=II (no match)", page({ norwood: "7", ludwig: "II" })],
      ["all filters, no match", page({ status: "new", eligibility: "eligible", norwood: "3", ludwig: "I", flag: "KELOID_TENDENCY", q: "zzyzx" })],
      ["q=% (taken literally)", page({ q: "%" })],
    ];

    console.log(`\nInbox query (listLeads / listCallFirst / countLeadsByStatus), ${ITERATIONS} runs each; goal p95 <= ${GOAL_INBOX_MS} ms`);
    console.log(`${"filters".padEnd(42)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)} ${"max ms".padStart(8)}  goal`);
    let misses = 0;
    for (const [name, run] of matrix) {
      const r = await time(run);
      const ok = r.p95 <= GOAL_INBOX_MS;
      if (!ok) misses++;
      console.log(`${name.padEnd(42)} ${r.p50.toFixed(2).padStart(8)} ${r.p95.toFixed(2).padStart(8)} ${r.max.toFixed(2).padStart(8)}  ${ok ? "ok" : "MISSED"}`);
    }

    const withHistory = ids.filter((_, k) => k % 50 === 0);
    let n = 0;
    const detail = await time(() => getLeadDetail(db, withHistory[n++ % withHistory.length] ?? ""));
    console.log(`\nLead detail (getLeadDetail: lead, 4 notes, 12 events, related), goal p95 <= ${GOAL_DETAIL_MS} ms`);
    console.log(`p50 ${detail.p50.toFixed(2)} ms, p95 ${detail.p95.toFixed(2)} ms, max ${detail.max.toFixed(2)} ms  ${detail.p95 <= GOAL_DETAIL_MS ? "ok" : "MISSED"}`);
    console.log(`\n${misses === 0 && detail.p95 <= GOAL_DETAIL_MS ? "All goals met." : `${misses + (detail.p95 > GOAL_DETAIL_MS ? 1 : 0)} goal(s) missed (printed, not asserted).`}`);
    await db.$disconnect();
  } finally {
    await closeDb();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
