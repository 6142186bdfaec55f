import { calendarFeedIcs, feedTokenOf } from "@/lib/booking/calendar-feed";
import { getDb } from "@/lib/db/client";

/**
 * GET /cal/<token>.ics: a staff member's consultation feed for calendar apps (lib/booking/calendar-feed.ts).
 * No sign-in (calendar apps cannot): the secret URL is the credential, so an unknown, revoked or
 * malformed token is one plain 404, and the answer is never cached or indexed.
 */

export const dynamic = "force-dynamic";

const PRIVATE_HEADERS = {
  "Cache-Control": "no-store",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
  "X-Robots-Tag": "noindex, nofollow",
} as const;

export async function GET(_request: Request, context: { params: Promise<{ feed: string }> }): Promise<Response> {
  const { feed } = await context.params;
  const token = feedTokenOf(feed);
  const ics = token ? await calendarFeedIcs(getDb(), token) : null;
  if (ics === null) {
    return new Response("Not found", { status: 404, headers: { ...PRIVATE_HEADERS, "Content-Type": "text/plain; charset=utf-8" } });
  }
  return new Response(ics, {
    status: 200,
    headers: { ...PRIVATE_HEADERS, "Content-Type": "text/calendar; charset=utf-8", "Content-Disposition": 'inline; filename="consultations.ics"' },
  });
}
