// See scripts/bench/booking.mjs. On a fresh database of each of BENCH_PROVIDERS (default SQLite and
// PostgreSQL): 3 consultants, 10,000 consultations (about 1,500 booked in the next 60 days, the rest
// attended over the past year, none overlapping), then GET /api/v1/booking/slots's work (findSlots:
// the clinic's profile and settings, the calendars, the window's consultations by the blockedStart
// index, the pure slot walk) for a 60-day window, p50/p95 over BENCH_ITERATIONS runs (default 50),
// in turns with its floor: the index-only read of the window's consultations through the same
// client (kind "slots" of scripts/bench/goals.mjs). Goal (issue 20): p95 <= 25 ms on the reference
// machine, judged as p95 / floor. Asserts nothing.
import { findSlots, loadBusyRanges } from "@/lib/booking/availability";
import { freeSlots } from "@/lib/booking/slots";
import { DEFAULT_OPENING_HOURS } from "@/lib/clinic/defaults";
import { addLocalDays, localDatesRange, localDateOf } from "@/lib/clinic/time";
import { newId } from "@/lib/db/ids";

import { benchProviders, figure, floored, providerLabel, runBench, timeRuns, timeWithFloor, withBenchDb } from "./bench-db";

const TOTAL = 10_000;
const ITERATIONS = Number(process.env.BENCH_ITERATIONS) || 50;
const TZ = "America/Los_Angeles";
const MIN = 60_000;

runBench(async () => {
  for (const provider of benchProviders()) {
    await withBenchDb(provider, 2_000, async ({ db, ids }) => {
      const consultants: string[] = [];
      for (let i = 0; i < 3; i++) {
        const userId = newId();
        await db.user.create({ data: { id: userId, name: `Consultant ${i + 1}`, email: `consultant${i + 1}@bench.example`, role: "front_desk" } });
        consultants.push((await db.consultant.create({ data: { userId } })).id);
      }
      const now = new Date();
      const today = localDateOf(now, TZ);
      // Every weekday slot (09:00-17:00, 30 min) of each consultant, past year and next 60 days.
      const past = freeSlots(
        { timeZone: TZ, openingHours: DEFAULT_OPENING_HOURS, closedDates: [], lengthMinutes: 30, bufferBeforeMinutes: 0, bufferAfterMinutes: 0, minNoticeMinutes: 0, bookingWindowDays: 400, stepMinutes: 30 },
        { from: addLocalDays(today, -365), to: addLocalDays(today, -1), now: new Date(now.getTime() - 366 * 86_400_000), calendars: consultants.map((key) => ({ key, weeklyHours: DEFAULT_OPENING_HOURS, timeOff: [] })), bookings: [] },
      );
      const future = freeSlots(
        { timeZone: TZ, openingHours: DEFAULT_OPENING_HOURS, closedDates: [], lengthMinutes: 30, bufferBeforeMinutes: 0, bufferAfterMinutes: 0, minNoticeMinutes: 120, bookingWindowDays: 60, stepMinutes: 30 },
        { from: today, to: addLocalDays(today, 60), now, calendars: consultants.map((key) => ({ key, weeklyHours: DEFAULT_OPENING_HOURS, timeOff: [] })), bookings: [] },
      );
      // Each slot start with every consultant: positions (start, consultant) never overlap on one calendar.
      const positions = (slots: typeof past) => slots.flatMap((s) => consultants.map((c) => ({ start: s.start, calendarKey: c })));
      const futurePositions = positions(future).filter((_, i) => i % 4 !== 0).slice(0, 1_500);
      const pastPositions = positions(past).slice(0, TOTAL - futurePositions.length);
      const rows = [
        ...futurePositions.map((p, i) => ({ p, leadId: ids[i]!, status: "booked" })),
        ...pastPositions.map((p, i) => ({ p, leadId: ids[i % ids.length]!, status: i % 7 === 0 ? "no_show" : "attended" })),
      ].map(({ p, leadId, status }) => ({
        id: newId(),
        leadId,
        consultantId: p.calendarKey,
        calendarKey: p.calendarKey,
        type: "in_person",
        startsAt: p.start,
        endsAt: new Date(p.start.getTime() + 30 * MIN),
        blockedStart: p.start,
        blockedEnd: new Date(p.start.getTime() + 30 * MIN),
        status,
        bookedBy: "patient",
      }));
      for (let i = 0; i < rows.length; i += 500) await db.consultation.createMany({ data: rows.slice(i, i + 500) });
      const stored = await db.consultation.count();
      const from = today;
      const to = addLocalDays(today, 59);
      const label = providerLabel(provider);
      // The floor: the index-only read of the window's consultations (the rows the slots depend on)
      // through the same client, on the index the slots read them from; in turns with findSlots.
      const range = localDatesRange(addLocalDays(from, -1), addLocalDays(to, 1), TZ);
      const lower = new Date(range.gte.getTime() - 86_400_000);
      const floor = () =>
        db.$queryRaw`SELECT "calendarKey" FROM "Consultation" WHERE "blockedStart" >= ${lower} AND "blockedStart" < ${range.lt} AND "blockedEnd" > ${range.gte} AND "status" <> 'cancelled'`;
      const floorRows = ((await floor()) as unknown[]).length;
      let count = 0;
      const timing = await timeWithFloor(async () => {
        count = (await findSlots(db, { type: "in_person", from, to, now })).slots.length;
      }, floor, ITERATIONS);
      const query = await timeRuns(() => loadBusyRanges(db, range), ITERATIONS);
      // The yardstick that converts the floor to the reference machine (bench/README.md): the floor over one round trip.
      const yardstick = await timeWithFloor(floor, () => db.$queryRaw`SELECT 1`, ITERATIONS);
      console.log(`${label}: of which the window's consultations (loadBusyRanges): p50 ${query.p50.toFixed(1)} ms, p95 ${query.p95.toFixed(1)} ms`);
      console.log(
        `${label}: slots for 60 days (${from}..${to}), 3 consultants, ${stored.toLocaleString("en-US")} consultations ` +
          `(${futurePositions.length.toLocaleString("en-US")} booked in the window, ${floorRows.toLocaleString("en-US")} rows read): ${count} free slots; ` +
          `p50 ${timing.run.p50.toFixed(1)} ms, p95 ${timing.run.p95.toFixed(1)} ms, max ${timing.run.max.toFixed(1)} ms; ` +
          `floor p50 ${timing.floor.p50.toFixed(2)} ms, p95/floor ${(timing.run.p95 / timing.floor.p50).toFixed(1)} (absolute goal p95 <= 25 ms on the reference machine)`,
      );
      floored("slots", { name: `slots p95, 60 days, 3 consultants, 10,000 consultations (${label})`, value: timing.run.p95, floor: timing.floor.p50, provider: label });
      figure({ name: `slots floor over one round trip (${label})`, value: yardstick.run.p50, unit: "ms", baseline: yardstick.floor.p50, note: "p50s in turns; no goal: bench/README.md's yardstick" });
    });
  }
});
