/**
 * The calendar feed on the staff account page: no feed yet, then "Make a feed URL" shows the secret
 * URL once with copy and how to subscribe; an existing feed offers a new URL and turning it off,
 * after which the page says there is none.
 */
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";

import { CalendarFeedPanel } from "@/components/staff/CalendarFeedPanel";
import { IDLE, type ActionState } from "@/lib/workspace/action-state";

const URL_SHOWN = "https://clinic.example.com/cal/Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA.ics";
const noop = async (): Promise<ActionState> => IDLE;

describe("calendar feed panel", () => {
  it("no feed: one button; making it shows the URL once, with copy and the calendar apps' steps", async () => {
    const user = userEvent.setup({ delay: null });
    const make = vi.fn(async (): Promise<ActionState> => ({ status: "ok", message: "Your new feed URL is ready. Any earlier URL no longer works.", data: { url: URL_SHOWN } }));
    render(<CalendarFeedPanel since={null} consultant regenerateAction={make} revokeAction={noop} />);
    expect(screen.getByText("You have no calendar feed.")).toBeVisible();
    expect(screen.queryByRole("button", { name: "Turn the feed off" })).toBeNull();
    await user.click(screen.getByRole("button", { name: "Make a feed URL" }));
    expect(make).toHaveBeenCalledTimes(1);
    expect(await screen.findByText(URL_SHOWN)).toBeVisible();
    expect(screen.getByRole("button", { name: "Copy the URL" })).toBeVisible();
    expect(screen.getByText("Google Calendar: Other calendars, +, From URL, paste it.")).toBeVisible();
    expect(screen.getByRole("button", { name: "Make a new URL" })).toBeVisible();
    expect(screen.getByRole("button", { name: "Turn the feed off" })).toBeVisible();
  });

  it("an existing feed: its date, never its URL; turning it off says so and leaves one button", async () => {
    const user = userEvent.setup({ delay: null });
    const revoke = vi.fn(async (): Promise<ActionState> => ({ status: "ok", message: "Your calendar feed is off. Calendars subscribed to it stop updating." }));
    render(<CalendarFeedPanel since="Jan 4, 2027, 8:00 AM" consultant={false} regenerateAction={noop} revokeAction={revoke} />);
    expect(screen.getByText(/You have a feed, made Jan 4, 2027, 8:00 AM/)).toBeVisible();
    expect(screen.getByText(/the clinic's consultations that have no consultant/)).toBeVisible();
    expect(screen.queryByText(/\/cal\//)).toBeNull();
    await user.click(screen.getByRole("button", { name: "Turn the feed off" }));
    expect(await screen.findByText("Your calendar feed is off. Calendars subscribed to it stop updating.")).toBeVisible();
    expect(screen.getByText("You have no calendar feed.")).toBeVisible();
    expect(screen.getByRole("button", { name: "Make a feed URL" })).toBeVisible();
    expect(screen.queryByRole("button", { name: "Turn the feed off" })).toBeNull();
  });
});
