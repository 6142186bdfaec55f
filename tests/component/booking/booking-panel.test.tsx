/**
 * The patient's booking panel (components/booking/BookingPanel.tsx) with the real English and
 * Spanish messages and the patient API answered by a stub of fetch: pick a day and a time on the
 * clinic's clock (its zone named), acknowledge the cut-off and book; a time taken meanwhile brings the
 * date's fresh times; booked with Move and Cancel; past the cut-off only the clinic's phone; "None of
 * these times suit me" leaves call-back times.
 */
import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { BookingPanel } from "@/components/booking/BookingPanel";
import type { PatientBookingState, PatientConsultation } from "@/lib/booking/patient-booking-view";
import { renderWithIntl } from "@/tests/component/questionnaire/render-with-intl";

const TOKEN = "0123456789abcdef0123456789abcdef01234567";

const CONFIG: PatientBookingState["config"] = {
  timeZone: "America/Los_Angeles",
  types: [{ type: "in_person", lengthMinutes: 30 }],
  cutoffMinutes: 1440,
  today: "2026-12-07",
  lastDate: "2027-02-05",
  clinicPhone: "+17145550100",
  clinicPhoneDisplay: "(714) 555-0100",
};

// 9:00 and 9:30 AM Pacific on Tuesday December 8, 10:00 AM on Wednesday December 9.
const SLOTS = [
  { start: "2026-12-08T17:00:00.000Z", end: "2026-12-08T17:30:00.000Z" },
  { start: "2026-12-08T17:30:00.000Z", end: "2026-12-08T18:00:00.000Z" },
  { start: "2026-12-09T18:00:00.000Z", end: "2026-12-09T18:30:00.000Z" },
];

const BOOKED: PatientConsultation = {
  id: "c1",
  type: "in_person",
  start: "2026-12-08T17:30:00.000Z",
  end: "2026-12-08T18:00:00.000Z",
  status: "booked",
  version: 1,
  changeableOnline: true,
};

type Reply = { status: number; body?: unknown };
interface Call {
  url: string;
  method: string;
  body: unknown;
}

function stubApi(replies: (call: Call) => Reply): Call[] {
  const calls: Call[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init?: RequestInit) => {
      const call = { url, method: init?.method ?? "GET", body: init?.body ? JSON.parse(String(init.body)) : undefined };
      calls.push(call);
      const reply = replies(call);
      return new Response(reply.status === 204 ? null : JSON.stringify(reply.body ?? {}), { status: reply.status, headers: { "Content-Type": "application/json" } });
    }),
  );
  return calls;
}

const slotsReply = (slots = SLOTS): Reply => ({ status: 200, body: { timeZone: CONFIG.timeZone, type: "in_person", lengthMinutes: 30, slots } });

function renderPanel(initial: Partial<PatientBookingState> = {}, locale: "en" | "es" = "en") {
  return renderWithIntl(<BookingPanel token={TOKEN} locale={locale} initial={{ config: CONFIG, consultation: null, callback: null, ...initial }} />, locale);
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe("booking a consultation", () => {
  it("offers the days and times on the clinic's clock, names its zone, asks for the cut-off to be acknowledged, then books", async () => {
    const calls = stubApi((call) => (call.method === "GET" ? slotsReply() : { status: 201, body: { consultation: { ...BOOKED, changeableOnline: undefined } } }));
    renderPanel();
    expect(screen.getByRole("heading", { level: 2, name: "Book your consultation" })).toBeInTheDocument();
    expect(screen.getByText(/Times are the clinic's local time \(Pacific Time, America\/Los Angeles\)\./)).toBeInTheDocument();
    const days = await screen.findByRole("group", { name: "Day" });
    expect(calls[0]!.url).toBe("/api/v1/booking/slots?type=in_person&from=2026-12-07&to=2026-12-20");
    // One type only: no type question.
    expect(screen.queryByRole("group", { name: "Type of consultation" })).toBeNull();
    expect(within(days).getByRole("radio", { name: "Tuesday, December 8" })).toBeChecked();
    expect(within(days).getByRole("radio", { name: "Wednesday, December 9" })).not.toBeChecked();
    const times = screen.getByRole("group", { name: "Time on Tuesday, December 8" });
    expect(within(times).getAllByRole("radio").map((r) => r.closest("label")?.textContent)).toEqual(["9:00 AM", "9:30 AM"]);

    fireEvent.click(within(times).getByRole("radio", { name: "9:30 AM" }));
    const confirm = await screen.findByRole("heading", { name: "Check and confirm" });
    await waitFor(() => expect(confirm).toHaveFocus());
    expect(screen.getByText("In person on Tuesday, December 8 at 9:30 AM")).toBeInTheDocument();
    const ack = screen.getByRole("checkbox", { name: "I understand I can change this online until 1 day before, and by phone after that." });

    fireEvent.click(screen.getByRole("button", { name: "Book this time" }));
    expect(ack).toHaveFocus();
    expect(ack).toHaveAttribute("aria-invalid", "true");
    expect(ack).toHaveAccessibleDescription("Please tick the box to confirm you have read this.");
    expect(calls.filter((c) => c.method === "POST")).toHaveLength(0);

    fireEvent.click(ack);
    fireEvent.click(screen.getByRole("button", { name: "Book this time" }));
    const done = await screen.findByText("Booked: In person on Tuesday, December 8 at 9:30 AM.");
    await waitFor(() => expect(done).toHaveFocus());
    const post = calls.find((c) => c.method === "POST")!;
    expect(post.url).toBe(`/api/v1/my/${TOKEN}/consultation?locale=en`);
    expect(post.body).toEqual({ type: "in_person", start: "2026-12-08T17:30:00.000Z" });
    expect(screen.getByRole("heading", { level: 2, name: "Your consultation" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Move" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Cancel consultation" })).toBeInTheDocument();
  });

  it("asks for the type first when more than one is offered, and shows each one's length", async () => {
    stubApi(() => slotsReply());
    renderPanel({ config: { ...CONFIG, types: [{ type: "in_person", lengthMinutes: 30 }, { type: "video", lengthMinutes: 20 }] } });
    const group = screen.getByRole("group", { name: "Type of consultation" });
    expect(within(group).getAllByRole("radio")).toHaveLength(2);
    expect(within(group).getByText("(20 minutes)")).toBeInTheDocument();
    expect(screen.queryByRole("group", { name: "Day" })).toBeNull();
    fireEvent.click(within(group).getByRole("radio", { name: /Video call/ }));
    expect(await screen.findByRole("group", { name: "Day" })).toBeInTheDocument();
  });

  it("a time taken meanwhile: says so, focuses the message and shows that date's fresh times", async () => {
    const fresh = [{ start: "2026-12-08T19:00:00.000Z", end: "2026-12-08T19:30:00.000Z" }];
    stubApi((call) =>
      call.method === "GET" ? slotsReply() : { status: 409, body: { error: { code: "SLOT_TAKEN", message: "Sorry, that time was just taken.", slots: fresh } } },
    );
    renderPanel();
    fireEvent.click(await screen.findByRole("radio", { name: "9:00 AM" }));
    fireEvent.click(await screen.findByRole("checkbox"));
    fireEvent.click(screen.getByRole("button", { name: "Book this time" }));
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Sorry, that time was just taken. Here are the times still free.");
    await waitFor(() => expect(alert).toHaveFocus());
    const times = screen.getByRole("group", { name: "Time on Tuesday, December 8" });
    expect(within(times).getAllByRole("radio").map((r) => r.closest("label")?.textContent)).toEqual(["11:00 AM"]);
    expect(screen.queryByRole("heading", { name: "Check and confirm" })).toBeNull();
  });

  it("no free times: says so, and the way to leave call-back times", async () => {
    stubApi(() => slotsReply([]));
    renderPanel();
    expect(await screen.findByText("There are no free times in the next two weeks.")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Show later dates" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "None of these times suit me" })).toBeInTheDocument();
  });

  it("the free times cannot be loaded: says so with a way to try again", async () => {
    let fail = true;
    stubApi(() => (fail ? { status: 503, body: {} } : slotsReply()));
    renderPanel();
    expect(await screen.findByRole("alert")).toHaveTextContent("We could not load the free times.");
    fail = false;
    fireEvent.click(screen.getByRole("button", { name: "Try again" }));
    expect(await screen.findByRole("group", { name: "Day" })).toBeInTheDocument();
  });
});

describe("a booked consultation", () => {
  it("shows the date, time, zone and type; Move picks a new time and keeps the consultation's identity (PATCH with its version)", async () => {
    const calls = stubApi((call) =>
      call.method === "GET" ? slotsReply() : { status: 200, body: { consultation: { ...BOOKED, start: SLOTS[2]!.start, end: SLOTS[2]!.end, version: 2 } } },
    );
    renderPanel({ consultation: BOOKED });
    expect(screen.getByText("Tuesday, December 8, 9:30 AM")).toBeInTheDocument();
    expect(screen.getByText("In person at the clinic")).toBeInTheDocument();
    expect(screen.getByText("You can move or cancel online until 1 day before the start. After that, please call the clinic.")).toBeInTheDocument();
    fireEvent.click(screen.getByRole("button", { name: "Move" }));
    fireEvent.click(await screen.findByRole("radio", { name: "Wednesday, December 9" }));
    fireEvent.click(await screen.findByRole("radio", { name: "10:00 AM" }));
    fireEvent.click(await screen.findByRole("checkbox"));
    fireEvent.click(screen.getByRole("button", { name: "Move to this time" }));
    expect(await screen.findByText("Moved: In person on Wednesday, December 9 at 10:00 AM.")).toBeInTheDocument();
    expect(calls.find((c) => c.method === "PATCH")!.body).toEqual({ start: SLOTS[2]!.start, version: 1 });
    expect(screen.getByText("Wednesday, December 9, 10:00 AM")).toBeInTheDocument();
  });

  it("Cancel asks first, then cancels and offers the times again", async () => {
    const calls = stubApi((call) => (call.method === "GET" ? slotsReply() : { status: 200, body: { consultation: { ...BOOKED, status: "cancelled" } } }));
    renderPanel({ consultation: BOOKED });
    fireEvent.click(screen.getByRole("button", { name: "Cancel consultation" }));
    expect(screen.getByText("Cancel the consultation on Tuesday, December 8 at 9:30 AM?")).toBeInTheDocument();
    fireEvent.click(screen.getByRole("button", { name: "Yes, cancel it" }));
    expect(await screen.findByText("Your consultation is cancelled. You can book a new time below whenever you like.")).toBeInTheDocument();
    expect(calls.find((c) => c.method === "DELETE")!.url).toBe(`/api/v1/my/${TOKEN}/consultation?locale=en`);
    expect(await screen.findByRole("group", { name: "Day" })).toBeInTheDocument();
  });

  it("past the cut-off: no Move or Cancel, the clinic's phone instead", () => {
    stubApi(() => slotsReply());
    renderPanel({ consultation: { ...BOOKED, changeableOnline: false } });
    expect(screen.queryByRole("button", { name: "Move" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Cancel consultation" })).toBeNull();
    expect(screen.getByText(/It is too late to change this consultation online\. Please call the clinic on/)).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "(714) 555-0100" })).toHaveAttribute("href", "tel:+17145550100");
  });

  it("the server says it is too late (the cut-off passed while the page was open): the message with the phone, and the buttons go", async () => {
    stubApi(() => ({ status: 409, body: { error: { code: "TOO_LATE_TO_CHANGE", message: "It is too late." } } }));
    renderPanel({ consultation: BOOKED });
    fireEvent.click(screen.getByRole("button", { name: "Cancel consultation" }));
    fireEvent.click(screen.getByRole("button", { name: "Yes, cancel it" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("It is too late to change this consultation online. Please call the clinic on (714) 555-0100.");
    expect(screen.queryByRole("button", { name: "Move" })).toBeNull();
  });
});

describe("none of these times suit me", () => {
  it("leaves preferred call-back times and days; an empty answer is refused with the focus on the field", async () => {
    const calls = stubApi((call) => (call.method === "GET" ? slotsReply() : { status: 200, body: {} }));
    renderPanel();
    fireEvent.click(await screen.findByRole("button", { name: "None of these times suit me" }));
    const heading = await screen.findByRole("heading", { name: "When should we call you?" });
    await waitFor(() => expect(heading).toHaveFocus());
    const box = screen.getByRole("textbox", { name: "Good times to call" });
    expect(box).toHaveAttribute("maxLength", "200");
    fireEvent.click(screen.getByRole("button", { name: "Send" }));
    expect(box).toHaveFocus();
    expect(box).toHaveAccessibleDescription(/Please tell us when you would like a call\./);
    fireEvent.change(box, { target: { value: "Weekday mornings" } });
    fireEvent.click(screen.getByRole("checkbox", { name: "Friday" }));
    fireEvent.click(screen.getByRole("checkbox", { name: "Monday" }));
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Send" }));
    });
    expect(await screen.findByRole("status")).toHaveTextContent("Thank you. We have your preferred times.");
    expect(screen.getByText("Thank you. We will call you at a time that suits you: Weekday mornings")).toBeInTheDocument();
    const post = calls.find((c) => c.method === "POST")!;
    expect(post.url).toBe(`/api/v1/my/${TOKEN}/callback?locale=en`);
    expect(post.body).toEqual({ preferredTimes: "Weekday mornings", days: ["mon", "fri"] });
  });
});

describe("in Spanish", () => {
  it("the same panel speaks Spanish, with the times on the clinic's clock", async () => {
    stubApi(() => slotsReply());
    renderPanel({}, "es");
    expect(screen.getByRole("heading", { level: 2, name: "Reserve su consulta" })).toBeInTheDocument();
    expect(await screen.findByRole("group", { name: "Día" })).toBeInTheDocument();
    expect(screen.getByRole("radio", { name: "martes, 8 de diciembre" })).toBeChecked();
    fireEvent.click(screen.getByRole("radio", { name: "9:30" }));
    expect(await screen.findByRole("checkbox", { name: "Entiendo que puedo cambiarla en línea hasta 1 día antes, y por teléfono después." })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Ninguna de estas horas me viene bien" })).toBeInTheDocument();
  });
});
