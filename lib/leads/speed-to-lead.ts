import { businessMinutesBetween, type BusinessCalendar } from "@/lib/clinic/hours";

/**
 * Speed to lead (issue 10): how long a `new` inquiry has waited for its first reply, in BUSINESS
 * minutes of the clinic (lib/clinic/hours.ts), against the reply-time target of the clinic settings.
 * Client-safe and pure: the clock and the calendar are arguments.
 *
 *   waiting < target   -> "due"      (reply due within target - waiting minutes)
 *   waiting >= target  -> "overdue"  (past the target)
 *
 * Waiting time only grows with age (an older inquiry has waited at least as long), so "overdue
 * first, then oldest waiting" is simply "oldest first": the call-first list needs no computed sort.
 */

export interface ReplyClock {
  calendar: BusinessCalendar;
  replyTargetMinutes: number;
  now: Date;
}

export type ReplyState = "due" | "overdue";

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/**
 * Business minutes of fixed 24-hour chunks [k * DAY, (k + 1) * DAY), per calendar. businessMinutesBetween
 * is additive, so waiting = head + whole chunks + tail, and an inquiry that waited for months costs a
 * few map lookups instead of one Intl call per day on every inbox render. Any partition is exact; UTC
 * days are just a convenient one.
 */
const chunkCache = new Map<string, Map<number, number>>();
const CHUNK_CACHE_MAX = 20_000;

function chunksOf(calendar: BusinessCalendar): Map<number, number> {
  const key = JSON.stringify(calendar);
  let chunks = chunkCache.get(key);
  if (!chunks) {
    if (chunkCache.size > 8) chunkCache.clear();
    chunks = new Map();
    chunkCache.set(key, chunks);
  }
  if (chunks.size > CHUNK_CACHE_MAX) chunks.clear();
  return chunks;
}

/** Business minutes from `from` to `to` (whole minutes, rounded down; 0 when `to` is not after `from`). */
export function waitingBusinessMinutes(calendar: BusinessCalendar, from: Date, to: Date): number {
  const a = from.getTime();
  const b = to.getTime();
  if (!(b > a)) return 0;
  const firstChunk = Math.ceil(a / DAY_MS);
  const lastChunk = Math.floor(b / DAY_MS);
  if (lastChunk <= firstChunk) return Math.floor(businessMinutesBetween(calendar, from, to));
  const chunks = chunksOf(calendar);
  let total = businessMinutesBetween(calendar, from, new Date(firstChunk * DAY_MS));
  for (let k = firstChunk; k < lastChunk; k++) {
    let minutes = chunks.get(k);
    if (minutes === undefined) {
      minutes = businessMinutesBetween(calendar, new Date(k * DAY_MS), new Date((k + 1) * DAY_MS));
      chunks.set(k, minutes);
    }
    total += minutes;
  }
  total += businessMinutesBetween(calendar, new Date(lastChunk * DAY_MS), to);
  // Rounded to the millisecond first: the sum of fractional minutes must not lose a whole minute.
  return Math.floor(Math.round(total * MINUTE_MS) / MINUTE_MS);
}

/** The waiting time of an inquiry in `status` created at `createdAt`: null once it left "new". */
export function waitingMinutesOf(clock: ReplyClock, status: string, createdAt: Date): number | null {
  return status === "new" ? waitingBusinessMinutes(clock.calendar, createdAt, clock.now) : null;
}

export function replyStateOf(waitingMinutes: number, replyTargetMinutes: number): ReplyState {
  return waitingMinutes >= replyTargetMinutes ? "overdue" : "due";
}

/** "45 min", "3 h 05 min", "2 days 4 h" (business time: a business day is whatever the clinic is open). */
export function formatBusinessMinutes(minutes: number): string {
  const m = Math.max(0, Math.floor(minutes));
  if (m < 60) return `${m} min`;
  const hours = Math.floor(m / 60);
  const rest = m % 60;
  return rest === 0 ? `${hours} h` : `${hours} h ${String(rest).padStart(2, "0")} min`;
}

/** Why an inquiry stands where it does in "who to call first" (shown in the inbox). */
export function callFirstReason(waitingMinutes: number, replyTargetMinutes: number): string {
  const waited = formatBusinessMinutes(waitingMinutes);
  if (replyStateOf(waitingMinutes, replyTargetMinutes) === "overdue") {
    return `Overdue: waiting ${waited} of business time, the target is ${formatBusinessMinutes(replyTargetMinutes)}`;
  }
  return `Reply due within ${formatBusinessMinutes(replyTargetMinutes - waitingMinutes)} (waiting ${waited})`;
}
