// See scripts/bench/staff.mjs. On a fresh SQLite file AND a fresh PostgreSQL database (BENCH_PROVIDERS),
// each seeded with BENCH_LEADS inquiries (seed-leads.ts), times what the staff inbox page runs
// (lib/workspace/page-loaders.ts loadInboxPage): a filtered page = listLeadsCounted (the page, and its
// result count unless the page itself holds every match), "who to call first" = listCallFirst, the header = countLeadsByStatus + the "due today" count; then the lead
// detail. Each is timed in turns with its floor (timeWithFloor), measured on the same data through
// the same client: the index-only read of the rows it returns (scripts/bench/goals.mjs), and judged
// on p95 / floor median.
//
// ADDING A ROW: one entry in `cases` below: page("name", { filters }) for an inbox page, or
// { name, kind, run, floor } with `kind` an entry of scripts/bench/goals.mjs and `floor(result)`
// the floor of what `run` returned.
import { getLeadDetail } from "@/lib/leads/lead-detail";
import type { LeadListQuery } from "@/lib/leads/lead-filters";
import { replyClock } from "@/lib/leads/reply-clock";
import { countLeads, countLeadsByStatus, listCallFirst, listLeads, listLeadsCounted, type LeadSummary } from "@/lib/leads/staff-inbox";
import { type Db, Prisma } from "@/lib/db/client";

import { BENCH_LEADS as TOTAL, benchProviders, figure, floored, providerLabel, runBench, timeWithFloor, withBenchDb, type BenchDb } from "./bench-db";
import { BENCH_STAFF_ID } from "./seed-leads";

const ITERATIONS = Number(process.env.BENCH_ITERATIONS) || 60;
const GOAL_INBOX_MS = 30;
const DAY = 86_400_000;

/** A timed query: `run` once, then `floor(result)` is the floor of what it returned, timed in turns with it. */
interface TimedCase<T> {
  name: string;
  /** The entry of scripts/bench/goals.mjs its goals come from. */
  kind: string;
  run: () => Promise<T>;
  floor: (result: T) => () => Promise<unknown>;
}
const timed = <T>(c: TimedCase<T>) => c as unknown as TimedCase<unknown>;

/**
 * The floor of a page: the index-only read of the ids of the rows it returns, on the index the
 * page is read from (same range, order and number): newest first on Lead_inbox_covering_idx, or
 * by follow-up date on Lead_followUpAt_id_idx. An empty page reads one entry (the probe any
 * query makes); `rows` returned in no index order (who to call first) read as many entries from
 * the top of the covering index.
 */
function pageFloor(db: Db, rows: readonly LeadSummary[], order: "newest" | "due" | "any"): () => Promise<unknown> {
  const n = Prisma.raw(String(Math.max(1, rows.length)));
  const first = rows[0];
  const last = rows[rows.length - 1];
  if (order === "due" && first?.followUpAt && last?.followUpAt) {
    const from = new Date(first.followUpAt);
    const to = new Date(last.followUpAt);
    return () => db.$queryRaw`SELECT "id" FROM "Lead" WHERE "followUpAt" >= ${from} AND "followUpAt" <= ${to} ORDER BY "followUpAt" ASC, "id" ASC LIMIT ${n}`;
  }
  if (order === "newest" && first && last) {
    const from = new Date(last.createdAt);
    const to = new Date(first.createdAt);
    return () => db.$queryRaw`SELECT "id" FROM "Lead" WHERE "createdAt" >= ${from} AND "createdAt" <= ${to} ORDER BY "createdAt" DESC, "id" DESC LIMIT ${n}`;
  }
  return () => db.$queryRaw`SELECT "id" FROM "Lead" ORDER BY "createdAt" DESC, "id" DESC LIMIT ${n}`;
}

async function benchInbox({ db, ids, provider }: BenchDb): Promise<void> {
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
  const page = (name: string, q: Partial<LeadListQuery>) =>
    timed({
      name,
      kind: "inbox page",
      run: () => listLeadsCounted(db, { limit: 25, ...q }, context),
      floor: (result) => pageFloor(db, result.items, q.due ? "due" : "newest"),
    });
  const firstPageFloor = pageFloor(db, (await listLeads(db, { limit: 25 }, context)).items, "newest");
  const cases: TimedCase<unknown>[] = [
    timed({
      // One row per person (issue 22): a person's latest new inquiry, the people per group, the earlier inquiries of each row.
      name: "who to call first (one row per person)",
      kind: "inbox page",
      run: () => listCallFirst(db, context),
      floor: (groups) => pageFloor(db, groups.flatMap((g) => g.items), "any"),
    }),
    timed({
      // Counts return no rows: the floor is that of the page shown under them (the first 25).
      name: "header: counts per status + due today",
      kind: "inbox page",
      run: () => Promise.all([countLeadsByStatus(db), countLeads(db, { due: "today" }, context)]),
      floor: () => firstPageFloor,
    }),
    page("all, first page", {}),
    page("all, page 200 (cursor)", { cursor: deepCursor }),
    page("all, limit 100", { limit: 100 }),
    page("due=today (follow-ups due / overdue)", { due: "today" }),
    page("due=overdue", { due: "overdue" }),
    page("due=today + assignee=me", { due: "today", assignee: "me" }),
    page("assignee=me", { assignee: "me" }),
    page("assignee=none", { assignee: "none" }),
    page("assignee=me + status=new", { assignee: "me", status: "new" }),
    page("assignee=none + status=contacted", { assignee: "none", status: "contacted" }),
    page("status=new", { status: "new" }),
    page("status=not_proceeding", { status: "not_proceeding" }),
    page("eligibility=clearance_required", { eligibility: "clearance_required" }),
    page("status=new + eligibility=eligible", { status: "new", eligibility: "eligible" }),
    page("flag=DERM_CLEARANCE_REQUIRED", { flag: "DERM_CLEARANCE_REQUIRED" }),
    page("flag=PIGMENT_ALLERGY", { flag: "PIGMENT_ALLERGY" }),
    page("flag=KELOID_TENDENCY (no match)", { flag: "KELOID_TENDENCY" }),
    page("norwood=3", { norwood: "3" }),
    page("ludwig=II", { ludwig: "II" }),
    page("q=garcia (common name)", { q: "garcia" }),
    // Accent- and case-insensitive search (lib/leads/search-text.ts): the seed writes half the Spanish names with accents.
    page("q=Hernandez (finds Hernández too)", { q: "Hernandez" }),
    page("q=rodríguez (accented term)", { q: "rodríguez" }),
    page("q=josé rodríguez (name, accents)", { q: "josé rodríguez" }),
    page("q=núñez + status=new", { q: "núñez", status: "new" }),
    page("eligibility=eligible + q=ñoño (no match)", { eligibility: "eligible", q: "ñoño" }),
    page("q=exact email", { q: someLead.email }),
    page("q=phone (formatted)", { q: `(949) ${someLead.phone.slice(5, 8)}-${someLead.phone.slice(8)}` }),
    page("q=partial digits", { q: someLead.phone.slice(-7) }),
    page("q=reference", { q: someLead.reference ?? "SMP" }),
    page("q=no match", { q: "zzyzx" }),
    page("from/to one month", { from: lastMonthFrom, to: lastMonthTo }),
    page("status=became_patient + from/to", { status: "became_patient", from: lastMonthFrom, to: lastMonthTo }),
    page("eligibility + flag + q", { eligibility: "clearance_required", flag: "DERM_CLEARANCE_REQUIRED", q: "nguyen" }),
    // Worst cases: a common value plus a filter nothing matches (every index entry is read).
    page("eligibility=eligible + q=no match", { eligibility: "eligible", q: "zzyzx" }),
    page("assignee=none + q=no match", { assignee: "none", q: "zzyzx" }),
    page("due=today + q=no match", { due: "today", q: "zzyzx" }),
    page("status=not_proceeding + flag (no match)", { status: "not_proceeding", flag: "KELOID_TENDENCY" }),
    page("norwood=7 + ludwig=II (no match)", { norwood: "7", ludwig: "II" }),
    page("all filters, no match", { status: "new", eligibility: "eligible", norwood: "3", ludwig: "I", flag: "KELOID_TENDENCY", q: "zzyzx" }),
    page("q=% (taken literally)", { q: "%" }),
  ];

  // The yardstick that converts floors to the reference machine (bench/README.md): the first page's
  // floor over one round trip (SELECT 1, which the reference run printed), timed in turns.
  const roundTrip = await timeWithFloor(() => firstPageFloor(), () => db.$queryRaw`SELECT 1`, ITERATIONS);
  console.log(`\n${label}: inbox page queries (listLeadsCounted / listCallFirst / header counts), ${ITERATIONS} runs each, in turns with the floor`);
  console.log(`(first page's floor p50 ${roundTrip.run.p50.toFixed(3)} ms; one round trip, SELECT 1, in turns: p50 ${roundTrip.floor.p50.toFixed(3)} ms; the absolute goal p95 <= ${GOAL_INBOX_MS} ms was set on the reference machine)`);
  figure({ name: `first page's floor over one round trip (${label})`, value: roundTrip.run.p50, unit: "ms", baseline: roundTrip.floor.p50, note: "p50s in turns; no goal: bench/README.md's yardstick" });
  console.log(`${"filters".padEnd(42)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)} ${"max ms".padStart(8)} ${"floor ms".padStart(9)} ${"p95/floor".padStart(10)}`);
  let worst: { name: string; p95: number; floor: number; ratio: number } | null = null;
  for (const c of cases) {
    const floor = c.floor(await c.run());
    const t = await timeWithFloor(() => c.run(), () => floor(), ITERATIONS);
    const ratio = t.run.p95 / t.floor.p50;
    if (!worst || ratio > worst.ratio) worst = { name: c.name, p95: t.run.p95, floor: t.floor.p50, ratio };
    console.log(
      `${c.name.padEnd(42)} ${t.run.p50.toFixed(2).padStart(8)} ${t.run.p95.toFixed(2).padStart(8)} ${t.run.max.toFixed(2).padStart(8)} ${t.floor.p50.toFixed(3).padStart(9)} ${ratio.toFixed(1).padStart(10)}`,
    );
    floored(c.kind, { name: `inbox p95: ${c.name} (${label})`, value: t.run.p95, floor: t.floor.p50, provider: label });
  }
  if (worst) {
    floored("inbox page", { name: `inbox p95, worst ratio of ${cases.length} (${label})`, value: worst.p95, floor: worst.floor, provider: label, note: worst.name });
  }

  // The detail of every 50th inquiry in turn (those have 4 notes and 12 events); its floor reads the
  // index entries of the same inquiry's rows.
  const withHistory = ids.filter((_, k) => k % 50 === 0);
  const idOf = (i: number) => withHistory[i % withHistory.length] ?? "";
  const detailFloor = (i: number) => db.$queryRaw`
      SELECT "id" FROM "Lead" WHERE "id" = ${idOf(i)}
      UNION ALL SELECT "leadId" FROM "LeadNote" WHERE "leadId" = ${idOf(i)}
      UNION ALL SELECT "leadId" FROM "LeadEvent" WHERE "leadId" = ${idOf(i)}`;
  const detail = await timeWithFloor((i) => getLeadDetail(db, idOf(i)), detailFloor, ITERATIONS);
  const detailYardstick = await timeWithFloor(detailFloor, () => db.$queryRaw`SELECT 1`, ITERATIONS);
  console.log(`\n${label}: lead detail (getLeadDetail: lead, 4 notes, 12 events, related)`);
  console.log(`p50 ${detail.run.p50.toFixed(2)} ms, p95 ${detail.run.p95.toFixed(2)} ms, max ${detail.run.max.toFixed(2)} ms; floor ${detail.floor.p50.toFixed(3)} ms, p95/floor ${(detail.run.p95 / detail.floor.p50).toFixed(1)}`);
  floored("lead detail", { name: `lead detail p95 (${label})`, value: detail.run.p95, floor: detail.floor.p50, provider: label });
  figure({ name: `lead detail's floor over one round trip (${label})`, value: detailYardstick.run.p50, unit: "ms", baseline: detailYardstick.floor.p50, note: "p50s in turns; no goal: bench/README.md's yardstick" });

}

async function main(): Promise<void> {
  for (const provider of benchProviders()) {
    console.log(`\n-- ${providerLabel(provider)}`);
    await withBenchDb(provider, TOTAL, benchInbox);
  }
  console.log("\nEach figure is judged on p95 / floor by `npm run bench` (bench/results.md; goals: scripts/bench/goals.mjs).");
}

runBench(main);
