// See scripts/bench/staff.mjs. On a fresh SQLite file AND a fresh PostgreSQL database (BENCH_PROVIDERS),
// each seeded with BENCH_LEADS inquiries (seed-leads.ts), times what the staff inbox page runs
// (lib/workspace/page-loaders.ts loadInboxPage): a filtered page = listLeadsCounted (the page, and its
// result count unless the page itself holds every match), "who to call first" = listCallFirst, the header = countLeadsByStatus + the "due today" count; then the lead
// detail. The baseline is the floor of one query round trip (SELECT 1 through the same client).
import { getLeadDetail } from "@/lib/leads/lead-detail";
import type { LeadListQuery } from "@/lib/leads/lead-filters";
import { replyClock } from "@/lib/leads/reply-clock";
import { countLeads, countLeadsByStatus, listCallFirst, listLeads, listLeadsCounted } from "@/lib/leads/staff-inbox";

import { BENCH_LEADS as TOTAL, benchProviders, figure, providerLabel, runBench, timeRuns, withBenchDb, type BenchDb } from "./bench-db";
import { BENCH_STAFF_ID } from "./seed-leads";

const ITERATIONS = Number(process.env.BENCH_ITERATIONS) || 60;
const GOAL_INBOX_MS = 30;
const GOAL_DETAIL_MS = 30;
const DAY = 86_400_000;

async function benchInbox({ db, ids, provider }: BenchDb): Promise<number> {
  const label = providerLabel(provider);
  // The viewer is the staff member 30% of the inquiries are assigned to ("assignee=me").
  const context = { clock: await replyClock(db), viewerId: BENCH_STAFF_ID };

  const first = await listLeads(db, { limit: 100 }, context);
  let deepCursor = first.nextCursor ?? undefined;
  for (let i = 0; i < 200 && deepCursor; i++) deepCursor = (await listLeads(db, { limit: 100, cursor: deepCursor }, context)).nextCursor ?? undefined;
  const someLead = await db.lead.findFirstOrThrow({ where: { id: ids[Math.floor(ids.length / 3)] ?? "" } });
  const lastMonthFrom = new Date(Date.now() - 60 * DAY).toISOString().slice(0, 10);
  const lastMonthTo = new Date(Date.now() - 30 * DAY).toISOString().slice(0, 10);

  // What the inbox page runs for a filtered list (loadInboxPage): the page and its result count.
  const page = (q: Partial<LeadListQuery>) => () => listLeadsCounted(db, { limit: 25, ...q }, context);
  const matrix: [string, () => Promise<unknown>][] = [
    ["who to call first (4 groups + totals)", () => listCallFirst(db, context)],
    ["header: counts per status + due today", () => Promise.all([countLeadsByStatus(db), countLeads(db, { due: "today" }, context)])],
    ["all, first page", page({})],
    ["all, page 200 (cursor)", page({ cursor: deepCursor })],
    ["all, limit 100", page({ limit: 100 })],
    ["due=today (follow-ups due / overdue)", page({ due: "today" })],
    ["due=overdue", page({ due: "overdue" })],
    ["due=today + assignee=me", page({ due: "today", assignee: "me" })],
    ["assignee=me", page({ assignee: "me" })],
    ["assignee=none", page({ assignee: "none" })],
    ["assignee=me + status=new", page({ assignee: "me", status: "new" })],
    ["assignee=none + status=contacted", page({ assignee: "none", status: "contacted" })],
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
    ["q=reference", page({ q: someLead.reference ?? "SMP" })],
    ["q=no match", page({ q: "zzyzx" })],
    ["from/to one month", page({ from: lastMonthFrom, to: lastMonthTo })],
    ["status=became_patient + from/to", page({ status: "became_patient", from: lastMonthFrom, to: lastMonthTo })],
    ["eligibility + flag + q", page({ eligibility: "clearance_required", flag: "DERM_CLEARANCE_REQUIRED", q: "nguyen" })],
    // Worst cases: a common value plus a filter nothing matches (every index entry is read).
    ["eligibility=eligible + q=no match", page({ eligibility: "eligible", q: "zzyzx" })],
    ["assignee=none + q=no match", page({ assignee: "none", q: "zzyzx" })],
    ["due=today + q=no match", page({ due: "today", q: "zzyzx" })],
    ["status=not_proceeding + flag (no match)", page({ status: "not_proceeding", flag: "KELOID_TENDENCY" })],
    ["norwood=7 + ludwig=II (no match)", page({ norwood: "7", ludwig: "II" })],
    ["all filters, no match", page({ status: "new", eligibility: "eligible", norwood: "3", ludwig: "I", flag: "KELOID_TENDENCY", q: "zzyzx" })],
    ["q=% (taken literally)", page({ q: "%" })],
  ];

  const floor = await timeRuns(() => db.$queryRaw`SELECT 1`, ITERATIONS);
  console.log(`\n${label}: inbox page queries (listLeadsCounted / listCallFirst / header counts), ${ITERATIONS} runs each; goal p95 <= ${GOAL_INBOX_MS} ms`);
  console.log(`baseline: one round trip (SELECT 1) p50 ${floor.p50.toFixed(2)} ms, p95 ${floor.p95.toFixed(2)} ms`);
  console.log(`${"filters".padEnd(42)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)} ${"max ms".padStart(8)}  goal`);
  let misses = 0;
  let worst = 0;
  for (const [name, run] of matrix) {
    const r = await timeRuns(run, ITERATIONS);
    const ok = r.p95 <= GOAL_INBOX_MS;
    if (!ok) misses++;
    worst = Math.max(worst, r.p95);
    console.log(`${name.padEnd(42)} ${r.p50.toFixed(2).padStart(8)} ${r.p95.toFixed(2).padStart(8)} ${r.max.toFixed(2).padStart(8)}  ${ok ? "ok" : "MISSED"}`);
    figure({ name: `inbox p95: ${name} (${label})`, value: r.p95, unit: "ms", goal: `<= ${GOAL_INBOX_MS}`, baseline: floor.p95 });
  }
  figure({ name: `inbox p95, worst of ${matrix.length} (${label})`, value: worst, unit: "ms", goal: `<= ${GOAL_INBOX_MS}`, baseline: floor.p95 });

  const withHistory = ids.filter((_, k) => k % 50 === 0);
  let n = 0;
  const detail = await timeRuns(() => getLeadDetail(db, withHistory[n++ % withHistory.length] ?? ""), ITERATIONS);
  const detailOk = detail.p95 <= GOAL_DETAIL_MS;
  console.log(`\n${label}: lead detail (getLeadDetail: lead, 4 notes, 12 events, related), goal p95 <= ${GOAL_DETAIL_MS} ms`);
  console.log(`p50 ${detail.p50.toFixed(2)} ms, p95 ${detail.p95.toFixed(2)} ms, max ${detail.max.toFixed(2)} ms  ${detailOk ? "ok" : "MISSED"}`);
  figure({ name: `lead detail p95 (${label})`, value: detail.p95, unit: "ms", goal: `<= ${GOAL_DETAIL_MS}`, baseline: floor.p95 });
  return misses + (detailOk ? 0 : 1);
}

async function main(): Promise<void> {
  let misses = 0;
  for (const provider of benchProviders()) {
    console.log(`\n-- ${providerLabel(provider)}`);
    misses += await withBenchDb(provider, TOTAL, benchInbox);
  }
  console.log(`\n${misses === 0 ? "All goals met." : `${misses} goal(s) missed (printed, not asserted).`}`);
}

runBench(main);
