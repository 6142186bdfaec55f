/**
 * The staff consultation screens' states (issue 20): the inquiry page's panel (none booked: book for
 * a phone-in from the day's free times; booked: facts, Move, Cancel with a confirmation; started: the
 * outcome buttons; the call-back preference), the agenda's day and week with entries linking to their
 * inquiry with verdict and price, the inbox row's consultation and call-back preference, and the
 * settings form's errors.
 */
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";

import { AgendaView } from "@/components/staff/AgendaView";
import { ConsultationPanel } from "@/components/staff/ConsultationPanel";
import { ConsultationSettingsForm } from "@/components/staff/ConsultationSettingsForms";
import { LeadTable } from "@/components/staff/LeadTable";
import { BOOKING_MESSAGES, DEFAULT_CONSULTATION_SETTINGS } from "@/lib/booking/schemas";
import type { Agenda, AgendaEntry, LeadBooking, StaffConsultation } from "@/lib/booking/staff-booking";
import type { LeadSummary } from "@/lib/leads/staff-inbox";
import type { ActionState } from "@/lib/workspace/action-state";

const TZ = "America/Los_Angeles";
const CONFIG: LeadBooking["config"] = {
  timeZone: TZ,
  types: [
    { type: "in_person", lengthMinutes: 30 },
    { type: "phone", lengthMinutes: 15 },
  ],
  cutoffMinutes: 1440,
  today: "2026-12-07",
  lastDate: "2027-02-05",
  clinicPhone: "+17145550100",
  clinicPhoneDisplay: "(714) 555-0100",
};

const BOOKED: StaffConsultation = {
  id: "c1",
  leadId: "lead1",
  type: "in_person",
  start: "2026-12-08T17:30:00.000Z",
  end: "2026-12-08T18:00:00.000Z",
  status: "booked",
  version: 3,
  icsSequence: 2,
  consultantId: "k1",
  consultantName: "Dr. Lee",
  bookedBy: "patient",
  started: false,
};

function booking(overrides: Partial<LeadBooking> = {}): LeadBooking {
  return { config: CONFIG, consultation: null, callback: null, consultants: [{ id: "k1", name: "Dr. Lee" }], ...overrides };
}

function recorder(reply: ActionState = { status: "ok", message: "Done." }) {
  const forms: Record<string, string>[] = [];
  const action = vi.fn(async (_prev: ActionState, form: FormData) => {
    forms.push(Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v)])));
    return reply;
  });
  return { action, forms };
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe("the inquiry page's consultation", () => {
  it("none booked: book for a phone-in from the date's free times, with the consultant automatic by default", async () => {
    const fetchMock = vi.fn(async () =>
      Response.json({ timeZone: TZ, type: "in_person", lengthMinutes: 30, slots: [{ start: "2026-12-07T22:00:00.000Z", end: "2026-12-07T22:30:00.000Z" }] }),
    );
    vi.stubGlobal("fetch", fetchMock);
    const book = recorder({ status: "ok", message: "Consultation booked for Dec 7, 2026, 2:00 PM." });
    const update = recorder();
    render(<ConsultationPanel leadId="lead1" booking={booking()} bookAction={book.action} updateAction={update.action} />);
    const panel = screen.getByRole("region", { name: "Consultation" });
    expect(within(panel).getByText("No consultation booked.")).toBeInTheDocument();
    const form = within(panel).getByRole("form", { name: "Book for a phone-in" });
    expect(within(form).getByRole("combobox", { name: "Type" })).toHaveValue("in_person");
    expect(within(form).getByLabelText("Date")).toHaveValue("2026-12-07");
    expect(within(form).getByLabelText("Date")).toHaveAccessibleDescription(`Clinic time (${TZ}).`);
    expect(within(form).getByRole("button", { name: "Book this time" })).toBeDisabled();
    const time = await within(form).findByRole("radio", { name: "2:00 PM" });
    expect(fetchMock).toHaveBeenCalledWith("/api/v1/booking/slots?type=in_person&from=2026-12-07&to=2026-12-07");
    expect(within(form).getByRole("combobox", { name: "Consultant" })).toHaveValue("");
    fireEvent.click(time);
    await act(async () => {
      fireEvent.click(within(form).getByRole("button", { name: "Book this time" }));
    });
    await waitFor(() => expect(book.forms).toHaveLength(1));
    expect(book.forms[0]).toEqual({ leadId: "lead1", type: "in_person", start: "2026-12-07T22:00:00.000Z", consultantId: "" });
    expect(await within(form).findByRole("status")).toHaveTextContent("Consultation booked for Dec 7, 2026, 2:00 PM.");
  });

  it("a time taken meanwhile: the message as an alert and the times fetched again", async () => {
    const fetchMock = vi.fn(async () => Response.json({ timeZone: TZ, type: "in_person", lengthMinutes: 30, slots: [{ start: "2026-12-07T22:00:00.000Z", end: "2026-12-07T22:30:00.000Z" }] }));
    vi.stubGlobal("fetch", fetchMock);
    const book = recorder({ status: "conflict", message: "Sorry, that time was just taken. Please choose another time." });
    render(<ConsultationPanel leadId="lead1" booking={booking()} bookAction={book.action} updateAction={recorder().action} />);
    fireEvent.click(await screen.findByRole("radio", { name: "2:00 PM" }));
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Book this time" }));
    });
    expect(await screen.findByRole("alert")).toHaveTextContent("Sorry, that time was just taken.");
    await waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(2));
  });

  it("booked: date, time, type, consultant, status; Move and Cancel (after a confirmation, with the version read)", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => Response.json({ slots: [] })));
    const update = recorder({ status: "ok", message: "Consultation cancelled." });
    render(
      <ConsultationPanel
        leadId="lead1"
        booking={booking({ consultation: BOOKED, callback: { preferredTimes: "After 6 pm", days: ["mon", "wed"] } })}
        bookAction={recorder().action}
        updateAction={update.action}
      />,
    );
    const facts = screen.getByText("When").closest("dl")!;
    expect(within(facts).getByText("Dec 8, 2026, 9:30 AM")).toBeInTheDocument();
    expect(within(facts).getByText("In person")).toBeInTheDocument();
    expect(within(facts).getByText("Dr. Lee")).toBeInTheDocument();
    expect(within(facts).getByText("Booked")).toBeInTheDocument();
    expect(within(facts).getByText("The patient (online)")).toBeInTheDocument();
    expect(screen.getByText(/After 6 pm \(Monday, Wednesday\)/)).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Mark no-show" })).toBeNull();
    expect(screen.queryByRole("form", { name: "Book for a phone-in" })).toBeNull();

    fireEvent.click(screen.getByRole("button", { name: "Cancel consultation" }));
    const yes = screen.getByRole("button", { name: "Yes, cancel it" });
    expect(yes).toHaveFocus();
    await act(async () => {
      fireEvent.click(yes);
    });
    await waitFor(() => expect(update.forms).toHaveLength(1));
    expect(update.forms[0]).toMatchObject({ consultationId: "c1", version: "3", leadId: "lead1", status: "cancelled" });

    fireEvent.click(screen.getByRole("button", { name: "Keep it" }));
    fireEvent.click(screen.getByRole("button", { name: "Move" }));
    const move = screen.getByRole("form", { name: "Move the consultation" });
    expect(within(move).queryByRole("combobox", { name: "Type" })).toBeNull();
    expect(within(move).getByRole("combobox", { name: "Consultant" })).toHaveValue("k1");
    expect(await within(move).findByText("No free times on this date.")).toBeInTheDocument();
    fireEvent.click(within(move).getByRole("button", { name: "Keep the current time" }));
    expect(screen.queryByRole("form", { name: "Move the consultation" })).toBeNull();
  });

  it("once started: Mark attended and Mark no-show, sent with the version; no Move or Cancel", async () => {
    const update = recorder({ status: "ok", message: "Marked no-show." });
    render(<ConsultationPanel leadId="lead1" booking={booking({ consultation: { ...BOOKED, started: true } })} bookAction={recorder().action} updateAction={update.action} />);
    expect(screen.queryByRole("button", { name: "Move" })).toBeNull();
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Mark no-show" }));
    });
    await waitFor(() => expect(update.forms).toHaveLength(1));
    expect(update.forms[0]).toMatchObject({ consultationId: "c1", version: "3", status: "no_show" });
    expect(await screen.findByText("Marked no-show.")).toBeInTheDocument();
  });
});

function entry(overrides: Partial<AgendaEntry> = {}): AgendaEntry {
  return {
    ...BOOKED,
    lead: { id: "lead1", name: "Dana Reyes", reference: "SMP-7KQ2-94", eligibility: "eligible_with_conditions", price: { minUsd: 2400, maxUsd: 3200, estimate: true } },
    ...overrides,
  };
}

function agenda(overrides: Partial<Agenda> = {}): Agenda {
  const dates = ["2026-12-07", "2026-12-08", "2026-12-09", "2026-12-10", "2026-12-11", "2026-12-12", "2026-12-13"];
  return {
    view: "week",
    timeZone: TZ,
    dates,
    today: "2026-12-08",
    consultantId: null,
    consultants: [{ id: "k1", name: "Dr. Lee" }],
    byDate: Object.fromEntries(dates.map((d) => [d, d === "2026-12-08" ? [entry(), entry({ id: "c2", start: "2026-12-08T16:00:00.000Z", end: "2026-12-08T16:30:00.000Z", started: true, lead: { ...entry().lead, id: "lead2", name: "Sam Ortiz" } })] : []])),
    previous: "2026-11-30",
    next: "2026-12-14",
    ...overrides,
  };
}

describe("the agenda", () => {
  it("a week: one section per day, each entry links to its inquiry with verdict and price; the outcome buttons only once started", () => {
    render(<AgendaView agenda={agenda()} updateAction={recorder().action} />);
    expect(screen.getByRole("heading", { level: 1, name: "Agenda" })).toBeInTheDocument();
    expect(screen.getAllByRole("heading", { level: 2 })).toHaveLength(7);
    expect(screen.getByText(/2 consultations from Monday, Dec 7 to Sunday, Dec 13\./)).toBeInTheDocument();
    const today = screen.getByRole("region", { name: "Tuesday, Dec 8 (today)" });
    const items = within(today).getAllByRole("listitem");
    expect(items).toHaveLength(2);
    expect(within(items[0]!).getByRole("link", { name: "Dana Reyes" })).toHaveAttribute("href", "/staff/leads/lead1");
    expect(items[0]).toHaveTextContent("9:30 AM–10:00 AM");
    expect(items[0]).toHaveTextContent("In person · Dr. Lee · Booked");
    expect(items[0]).toHaveTextContent("Eligible with conditions · $2,400 – $3,200 (estimate) · SMP-7KQ2-94");
    expect(within(items[0]!).queryByRole("button", { name: "Mark no-show" })).toBeNull();
    expect(within(items[1]!).getByRole("button", { name: "Mark no-show" })).toBeInTheDocument();
    expect(within(screen.getByRole("region", { name: "Monday, Dec 7" })).getByText("No consultations.")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: /Next week/ })).toHaveAttribute("href", "/staff/agenda?view=week&date=2026-12-14");
    expect(screen.getByRole("combobox", { name: "Consultant" })).toHaveValue("");
  });

  it("a day for one consultant: the links keep the consultant", () => {
    render(<AgendaView agenda={agenda({ view: "day", dates: ["2026-12-08"], consultantId: "k1", previous: "2026-12-07", next: "2026-12-09" })} updateAction={recorder().action} />);
    expect(screen.getAllByRole("heading", { level: 2 })).toHaveLength(1);
    expect(screen.getByRole("link", { name: /Previous day/ })).toHaveAttribute("href", "/staff/agenda?view=day&date=2026-12-07&consultant=k1");
    expect(screen.getByRole("combobox", { name: "Consultant" })).toHaveValue("k1");
  });
});

describe("the inbox row", () => {
  it("shows the booked consultation and the call-back preference", () => {
    const lead = {
      id: "lead1",
      createdAt: "2026-11-20T17:00:00.000Z",
      status: "consultation_booked",
      closedReason: null,
      eligibility: "eligible",
      flags: [],
      firstName: "Dana",
      lastName: "Reyes",
      reference: "SMP-7KQ2-94",
      email: "dana@example.com",
      phone: "+17145550142",
      preferredContact: "sms",
      sex: "male",
      age: 42,
      lossPattern: "norwood",
      norwoodStage: "6",
      ludwigStage: null,
      goal: "full_shaved_look",
      price: { minUsd: 2400, maxUsd: 3200, estimate: false, basis: "table", tableVersion: 1 },
      assignee: null,
      relatedLeadId: null,
      version: 2,
      firstContactedAt: null,
      followUpAt: null,
      followUpNote: null,
      waitingMinutes: null,
      replyState: null,
      mergedIntoId: null,
      photoCount: 0,
      confirmedResult: null,
      assessedAt: null,
      consultation: { id: "c1", type: "video", start: "2026-12-08T17:30:00.000Z", status: "booked" },
      callbackPreference: { preferredTimes: "Weekday mornings", days: ["mon", "fri"], updatedAt: "2026-12-01T10:00:00.000Z" },
      calls: { attempts: 0, lastOutcome: null, lastAt: null },
    } satisfies LeadSummary;
    render(<LeadTable leads={[lead]} caption="All" country="US" replyTargetMinutes={15} timeZone={TZ} />);
    expect(screen.getByText("Consultation").closest("[data-inbox-consultation]")).toHaveTextContent("Consultation Dec 8, 2026, 9:30 AM · Video call");
    expect(screen.getByText("Call back").closest("[data-inbox-callback]")).toHaveTextContent("Call back Weekday mornings (Mon, Fri)");
  });
});

describe("the settings form", () => {
  it("shows the stored figures; after a refusal the first invalid field has the focus and its message", async () => {
    const action = vi.fn(async (): Promise<ActionState> => ({
      status: "error",
      message: "Please correct the fields.",
      fields: { slotStepMinutes: BOOKING_MESSAGES.wholeMinutes(5, 240) },
      values: { slotStepMinutes: "2", "types.in_person.enabled": "on" },
    }));
    render(<ConsultationSettingsForm action={action} settings={DEFAULT_CONSULTATION_SETTINGS} version={1} />);
    const inPerson = screen.getByRole("group", { name: "In person" });
    expect(within(inPerson).getByRole("checkbox", { name: "Offered" })).toBeChecked();
    expect(within(inPerson).getByRole("spinbutton", { name: "Length (minutes)" })).toHaveValue(30);
    expect(within(screen.getByRole("group", { name: "Video call" })).getByRole("checkbox", { name: "Offered" })).not.toBeChecked();
    expect(screen.getByRole("spinbutton", { name: "Self-service cut-off (minutes)" })).toHaveValue(1440);
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Save consultation settings" }));
    });
    const step = await screen.findByRole("spinbutton", { name: "Slot step (minutes)" });
    await waitFor(() => expect(step).toHaveFocus());
    expect(step).toHaveAccessibleDescription(/Enter a whole number of minutes from 5 to 240\./);
    expect(step).toHaveValue(2);
  });
});
