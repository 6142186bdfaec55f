/**
 * Free consultation slots: a pure module (no I/O), built on the clinic's dates and instants of
 * lib/clinic/time.ts, so correct across daylight-saving changes whatever the server's TZ
 * (decision 017). Days are walked BY LOCAL DATE; within a day, slots start at the opening instant
 * and every `stepMinutes` of elapsed time after it (a day's hours never hold a clock change in a
 * real clinic; when one does, the slots stay `stepMinutes` apart in real time and none is doubled).
 *
 * A slot of calendar C on clinic date D is [start, start + length):
 * - inside C's hours of D's weekday (a consultant's own weekly hours, or the clinic's), and inside
 *   the clinic's opening hours of D (never when the clinic is closed: closed weekdays and dates);
 * - start >= now + minimum notice, and D <= today + booking window (clinic dates);
 * - its blocked range [start - buffer before, end + buffer after) overlaps no blocked range of a
 *   consultation on C that is not cancelled, and [start, end) overlaps none of C's time off.
 * When several calendars are free at one start, the slot goes to the one with the fewest
 * consultations that date (then the first in the given order): decision 022.
 */
import type { OpeningHours } from "@/lib/clinic/schemas";
import { addLocalDays, eachLocalDate, instantAt, type LocalDate, localDateOf, weekdayOf } from "@/lib/clinic/time";

const MINUTE_MS = 60_000;

/** One calendar consultations are booked on: a consultant, or the clinic's single calendar. */
export interface SlotCalendar {
  /** calendarKey: the consultant's id, or "clinic". */
  key: string;
  /** The calendar's weekly hours (a consultant's own, or the clinic's opening hours). */
  weeklyHours: OpeningHours;
  /** Absences [start, end) in epoch ms. */
  timeOff: readonly { start: number; end: number }[];
}

/** An existing consultation that is not cancelled. */
export interface BusyRange {
  calendarKey: string;
  /** Epoch ms. */
  startsAt: number;
  blockedStart: number;
  blockedEnd: number;
}

export interface SlotRules {
  timeZone: string;
  openingHours: OpeningHours;
  closedDates: readonly string[];
  lengthMinutes: number;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  minNoticeMinutes: number;
  bookingWindowDays: number;
  stepMinutes: number;
}

export interface SlotRequest {
  from: LocalDate;
  to: LocalDate;
  now: Date;
  /** In order of preference when the counts tie. */
  calendars: readonly SlotCalendar[];
  bookings: readonly BusyRange[];
}

export interface Slot {
  start: Date;
  end: Date;
  /** The calendar the slot would be booked on (the consultant picked). */
  calendarKey: string;
  /** The clinic date it starts on. */
  date: LocalDate;
}

/** The instants a booking of `start` blocks. */
export function blockedRangeOf(start: Date, rules: Pick<SlotRules, "lengthMinutes" | "bufferBeforeMinutes" | "bufferAfterMinutes">) {
  const s = start.getTime();
  const end = s + rules.lengthMinutes * MINUTE_MS;
  return {
    start,
    end: new Date(end),
    blockedStart: new Date(s - rules.bufferBeforeMinutes * MINUTE_MS),
    blockedEnd: new Date(end + rules.bufferAfterMinutes * MINUTE_MS),
  };
}

/** The last clinic date a patient may book: today + the booking window. */
export function lastBookableDate(now: Date, rules: Pick<SlotRules, "timeZone" | "bookingWindowDays">): LocalDate {
  return addLocalDays(localDateOf(now, rules.timeZone), rules.bookingWindowDays);
}

/** Index of the first range whose blockedEnd is after `t` (ranges of one calendar never overlap, so blockedEnd is sorted too). */
function firstEndingAfter(ranges: readonly BusyRange[], t: number): number {
  let lo = 0;
  let hi = ranges.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((ranges[mid] as BusyRange).blockedEnd > t) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function overlapsAny(ranges: readonly BusyRange[], start: number, end: number): boolean {
  const i = firstEndingAfter(ranges, start);
  return i < ranges.length && (ranges[i] as BusyRange).blockedStart < end;
}

/** The open interval [start, end) of `hours` on `date`, or null. */
function intervalOf(hours: OpeningHours, date: LocalDate, timeZone: string): [number, number] | null {
  const day = hours[weekdayOf(date)];
  if (!day) return null;
  const start = instantAt(date, day.open, timeZone).getTime();
  const end = instantAt(date, day.close, timeZone).getTime();
  return end > start ? [start, end] : null;
}

/** Every free, bookable slot from `from` to `to` (clinic dates, both included), in time order. */
export function freeSlots(rules: SlotRules, request: SlotRequest): Slot[] {
  const { timeZone } = rules;
  const today = localDateOf(request.now, timeZone);
  const last = lastBookableDate(request.now, rules);
  const from = request.from < today ? today : request.from;
  const to = request.to > last ? last : request.to;
  if (to < from || request.calendars.length === 0) return [];

  const closed = new Set(rules.closedDates);
  const earliest = request.now.getTime() + rules.minNoticeMinutes * MINUTE_MS;
  const lengthMs = rules.lengthMinutes * MINUTE_MS;
  const beforeMs = rules.bufferBeforeMinutes * MINUTE_MS;
  const afterMs = rules.bufferAfterMinutes * MINUTE_MS;
  const stepMs = rules.stepMinutes * MINUTE_MS;

  const byCalendar = new Map<string, BusyRange[]>();
  const perDay = new Map<string, number>();
  for (const calendar of request.calendars) byCalendar.set(calendar.key, []);
  for (const b of request.bookings) {
    const list = byCalendar.get(b.calendarKey);
    if (!list) continue;
    list.push(b);
    const key = `${b.calendarKey} ${localDateOf(new Date(b.startsAt), timeZone)}`;
    perDay.set(key, (perDay.get(key) ?? 0) + 1);
  }
  for (const list of byCalendar.values()) list.sort((a, b) => a.blockedStart - b.blockedStart);
  const timeOff = new Map(request.calendars.map((c) => [c.key, [...c.timeOff].sort((a, b) => a.start - b.start)] as const));

  const slots: Slot[] = [];
  for (const date of eachLocalDate(from, to)) {
    if (closed.has(date)) continue;
    const clinic = intervalOf(rules.openingHours, date, timeZone);
    if (!clinic) continue;
    // Per calendar: its hours of the date within the clinic's.
    const open = request.calendars
      .map((calendar) => {
        const own = intervalOf(calendar.weeklyHours, date, timeZone);
        if (!own) return null;
        const start = Math.max(own[0], clinic[0]);
        const end = Math.min(own[1], clinic[1]);
        return end > start ? { calendar, start, end, count: perDay.get(`${calendar.key} ${date}`) ?? 0 } : null;
      })
      .filter((x) => x !== null);
    if (open.length === 0) continue;
    // Slot starts step from each calendar's own opening; collect the distinct starts in order.
    const starts = new Set<number>();
    for (const o of open) for (let t = o.start; t + lengthMs <= o.end; t += stepMs) if (t >= earliest) starts.add(t);
    for (const t of [...starts].sort((a, b) => a - b)) {
      let best: (typeof open)[number] | null = null;
      for (const o of open) {
        if (t < o.start || t + lengthMs > o.end) continue;
        if ((t - o.start) % stepMs !== 0) continue;
        if (overlapsAny(byCalendar.get(o.calendar.key) ?? [], t - beforeMs, t + lengthMs + afterMs)) continue;
        const off = timeOff.get(o.calendar.key) ?? [];
        if (off.some((x) => x.start < t + lengthMs && x.end > t)) continue;
        if (best === null || o.count < best.count) best = o;
      }
      if (best) slots.push({ start: new Date(t), end: new Date(t + lengthMs), calendarKey: best.calendar.key, date });
    }
  }
  return slots;
}
