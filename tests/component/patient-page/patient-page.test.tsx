/**
 * The patient's own page and its forms, rendered with the real English and Spanish messages: each
 * stage of the request, the stored result through the questionnaire's ResultView, the clinic's
 * contact, the data section, the extension slots for later issues, the not-found / too-many / erased
 * notices, the erase form's typed confirmation, "Lost your link?" and the confirmation screen's link.
 */
import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { PatientPage, patientPageClientMessages } from "@/components/patient-page/PatientPage";
import { PatientPageNotice } from "@/components/patient-page/PatientPageNotice";
import { EraseInquiryForm } from "@/components/patient-page/EraseInquiryForm";
import { LostLinkForm } from "@/components/patient-page/LostLinkForm";
import { PatientPageSections } from "@/components/patient-page/sections";
import { RequestSent } from "@/components/questionnaire/RequestSent";
import type { ClinicContact } from "@/lib/clinic/contact";
import type { AppLocale } from "@/lib/i18n/locales";
import type { PatientStage, PatientView } from "@/lib/patient-access/schemas";
import { MESSAGES, renderWithIntl } from "@/tests/component/questionnaire/render-with-intl";
import { RESULTS } from "@/tests/component/questionnaire/result-fixtures";

const TOKEN = "0123456789abcdef0123456789abcdef01234567";

const CLINIC: ClinicContact = {
  name: "Harbor SMP Clinic",
  phone: "+17145550100",
  phoneDisplay: "(714) 555-0100",
  email: "hello@harbor.example",
  addressLines: ["1 Harbor Way", "Irvine, CA 92618"],
  hours: ["Monday–Friday: 9:00 AM–5:00 PM", "Saturday–Sunday: closed"],
  replyPromise: "within one business day",
  isPlaceholder: false,
};

function view(stage: PatientStage, overrides: Partial<PatientView> = {}): PatientView {
  return {
    firstName: "Jordan",
    reference: "SMP-7KQ2-94",
    locale: "en",
    receivedAt: "2026-12-01T17:30:00.000Z",
    stage,
    result: RESULTS.eligible_with_conditions,
    clinic: CLINIC,
    ...overrides,
  };
}

function renderPage(stage: PatientStage, locale: AppLocale = "en") {
  return renderWithIntl(<PatientPage view={view(stage, { locale })} token={TOKEN} locale={locale} clientMessages={patientPageClientMessages(MESSAGES[locale])} />, locale);
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe("the patient's own page", () => {
  it("greets by first name, gives the reference, the stored result, the clinic's contact and the data section", () => {
    renderPage("received");
    expect(screen.getByRole("heading", { level: 1, name: "Your request, Jordan" })).toBeInTheDocument();
    expect(screen.getByText("SMP-7KQ2-94")).toBeInTheDocument();
    expect(screen.getByText(/Sent on December 1, 2026/)).toBeInTheDocument();
    const result = screen.getByRole("region", { name: "What we told you" });
    expect(within(result).getByText("Scars take pigment differently.")).toBeInTheDocument();
    expect(within(result).getByText("$2,000 to $3,500")).toBeInTheDocument();
    expect(result.querySelector("[data-status='eligible_with_conditions']")).not.toBeNull();
    const contact = screen.getByRole("region", { name: "How to reach us" });
    expect(within(contact).getByRole("link", { name: "(714) 555-0100" })).toHaveAttribute("href", "tel:+17145550100");
    expect(within(contact).getByText("We reply within one business day.")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Download my data" })).toHaveAttribute("href", `/api/v1/my/${TOKEN}/export`);
    expect(screen.getByRole("textbox", { name: "To confirm, type ERASE" })).toBeInTheDocument();
  });

  it.each([
    ["received", "Request received", "We have your request. Someone from Harbor SMP Clinic will get back to you within one business day."],
    ["in_touch", "We've been in touch", "We have been in touch with you about your request. If we missed each other, please call us."],
    ["consultation_booked", "Consultation booked", "Your consultation is booked. If you need to change it, please call us."],
  ] as const)("stage %s: the step is marked current and explained", (stage, step, text) => {
    renderPage(stage);
    const section = screen.getByRole("region", { name: "Where your request stands" });
    const current = within(section).getAllByRole("listitem").filter((item) => item.getAttribute("aria-current") === "step");
    expect(current).toHaveLength(1);
    expect(current[0]).toHaveTextContent(step);
    expect(within(section).getByText(text)).toBeInTheDocument();
  });

  it.each([
    ["patient", "You are now a patient of Harbor SMP Clinic. Thank you for your trust."],
    ["closed", "This request is closed. If you would like to pick it up again, please call us."],
  ] as const)("stage %s: said plainly, without the steps", (stage, text) => {
    renderPage(stage);
    const section = screen.getByRole("region", { name: "Where your request stands" });
    expect(within(section).queryByRole("list")).toBeNull();
    expect(within(section).getByText(text)).toBeInTheDocument();
  });

  it("in Spanish, with the language switch naming the current language", () => {
    renderPage("in_touch", "es");
    expect(screen.getByRole("heading", { level: 1, name: "Su solicitud, Jordan" })).toBeInTheDocument();
    expect(screen.getByRole("region", { name: "En qué punto está su solicitud" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Descargar mis datos" })).toBeInTheDocument();
    const nav = screen.getByRole("navigation", { name: "Idioma" });
    expect(within(nav).getByRole("link", { name: "Español" })).toHaveAttribute("aria-current", "true");
    expect(within(nav).getByRole("link", { name: "English" })).toHaveAttribute("href", `/my/${TOKEN}?locale=en`);
  });

  it("renders the later issues' sections in their slot, and nothing without any", () => {
    const { container, rerender } = renderWithIntl(<PatientPageSections view={view("received")} token={TOKEN} locale="en" />);
    expect(container).toBeEmptyDOMElement();
    rerender(
      <PatientPageSections
        view={view("received")}
        token={TOKEN}
        locale="en"
        sections={[{ id: "booking", Component: ({ token }) => <section aria-label="Booking">{token.length}</section> }]}
      />,
    );
    expect(container.querySelector("[data-section='booking']")).toHaveTextContent("40");
  });

  it.each([
    ["notFound", "This link does not open anything", "Ask for a new link"],
    ["tooMany", "Please wait a moment", null],
    ["erased", "Your request has been erased", "Start a new check"],
  ] as const)("notice %s", (kind, title, action) => {
    renderWithIntl(<PatientPageNotice kind={kind} clinic={CLINIC} locale="en" />);
    expect(screen.getByRole("heading", { level: 1, name: title })).toBeInTheDocument();
    if (action) expect(screen.getByRole("link", { name: action })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "(714) 555-0100" })).toBeInTheDocument();
  });
});

describe("Erase my request", () => {
  it("refuses anything but ERASE without calling the server, with the error announced and focus on the field", () => {
    const fetchMock = vi.fn();
    vi.stubGlobal("fetch", fetchMock);
    renderWithIntl(<EraseInquiryForm token={TOKEN} locale="en" navigate={vi.fn()} />);
    const field = screen.getByRole("textbox", { name: "To confirm, type ERASE" });
    fireEvent.change(field, { target: { value: "erase" } });
    fireEvent.click(screen.getByRole("button", { name: "Erase my request" }));
    expect(screen.getByRole("alert")).toHaveTextContent("Type ERASE in capital letters to confirm.");
    expect(field).toHaveAttribute("aria-invalid", "true");
    expect(field).toHaveFocus();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it("sends DELETE with the confirmation and goes to the erased page on 204", async () => {
    const fetchMock = vi.fn(async () => new Response(null, { status: 204 }));
    vi.stubGlobal("fetch", fetchMock);
    const navigate = vi.fn();
    renderWithIntl(<EraseInquiryForm token={TOKEN} locale="es" navigate={navigate} />, "es");
    fireEvent.change(screen.getByRole("textbox", { name: "Para confirmar, escriba ERASE" }), { target: { value: "ERASE" } });
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Borrar mi solicitud" }));
    });
    expect(fetchMock).toHaveBeenCalledWith(`/api/v1/my/${TOKEN}`, expect.objectContaining({ method: "DELETE", body: JSON.stringify({ confirm: "ERASE" }) }));
    await waitFor(() => expect(navigate).toHaveBeenCalledWith("/my/erased?locale=es"));
  });

  it("says so when the link no longer opens anything", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => new Response("{}", { status: 404 })));
    const navigate = vi.fn();
    renderWithIntl(<EraseInquiryForm token={TOKEN} locale="en" navigate={navigate} />);
    fireEvent.change(screen.getByRole("textbox", { name: "To confirm, type ERASE" }), { target: { value: "ERASE" } });
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Erase my request" }));
    });
    await waitFor(() => expect(screen.getByRole("alert")).toHaveTextContent("This request was already erased, or its link has expired."));
    expect(navigate).not.toHaveBeenCalled();
  });
});

describe("Lost your link?", () => {
  it("checks the address first, then answers the same words for every address", async () => {
    const fetchMock = vi.fn(async () => new Response(JSON.stringify({ message: "x" }), { status: 202 }));
    vi.stubGlobal("fetch", fetchMock);
    renderWithIntl(<LostLinkForm locale="en" />);
    const field = screen.getByRole("textbox", { name: "Email address" });
    fireEvent.change(field, { target: { value: "not an address" } });
    fireEvent.click(screen.getByRole("button", { name: "Send me my link" }));
    expect(screen.getByRole("alert")).toHaveTextContent("Please enter a valid email address");
    expect(field).toHaveFocus();
    expect(fetchMock).not.toHaveBeenCalled();

    fireEvent.change(field, { target: { value: "jordan@example.org" } });
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Send me my link" }));
    });
    expect(fetchMock).toHaveBeenCalledWith("/api/v1/my/link", expect.objectContaining({ method: "POST", body: JSON.stringify({ email: "jordan@example.org", locale: "en" }) }));
    await waitFor(() => expect(screen.getByRole("status")).toHaveTextContent("If this address has a request with us, we have sent the link to it."));
    expect(screen.getByRole("alert")).toBeEmptyDOMElement();
  });
});

describe("the confirmation screen's link", () => {
  it("shows the patient's own page with Copy link, right after sending", async () => {
    const writeText = vi.fn(async () => undefined);
    vi.stubGlobal("navigator", { ...navigator, clipboard: { writeText } });
    const url = `https://clinic.example.com/my/${TOKEN}`;
    renderWithIntl(<RequestSent sent={{ reference: "SMP-7KQ2-94", method: "email" }} firstName="Jordan" accessUrl={url} embedded={false} />);
    expect(screen.getByRole("link", { name: url })).toHaveAttribute("href", url);
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Copy link" }));
    });
    expect(writeText).toHaveBeenCalledWith(url);
    expect(screen.getByRole("status")).toHaveTextContent("Link copied.");
  });

  it("has no page section and no photo capture after a reload (the link is never stored on the device)", async () => {
    renderWithIntl(<RequestSent sent={{ reference: "SMP-7KQ2-94", method: "email" }} embedded={false} />);
    expect(screen.queryByRole("button", { name: "Copy link" })).toBeNull();
    await act(async () => undefined);
    expect(screen.queryByRole("heading", { name: "Send photos for a more precise estimate" })).toBeNull();
  });

  it("offers the guided photo capture of the patient's page right after sending, below the screen's heading", async () => {
    const url = `https://clinic.example.com/my/${TOKEN}`;
    renderWithIntl(<RequestSent sent={{ reference: "SMP-7KQ2-94", method: "email" }} firstName="Jordan" accessUrl={url} embedded={false} />);
    const heading = await screen.findByRole("heading", { level: 4, name: "Send photos for a more precise estimate" });
    const section = heading.closest("section")!;
    expect(within(section).getAllByRole("heading", { level: 5 }).map((h) => h.textContent)).toEqual([
      "For clear photos",
      "Front hairline",
      "Top",
      "Crown",
      "Back",
      "Scar (if you have one)",
    ]);
    expect(within(section).getByLabelText(/Photo of your Crown/)).toHaveAttribute("accept", "image/jpeg,image/png,image/webp");
    expect(within(section).getByText(/Your request is already saved/)).toBeInTheDocument();
  });

  it("in Spanish, the capture's words are Spanish", async () => {
    const url = `https://clinic.example.com/my/${TOKEN}`;
    renderWithIntl(<RequestSent sent={{ reference: "SMP-7KQ2-94", method: "email" }} firstName="Jordan" accessUrl={url} embedded={false} />, "es");
    const heading = await screen.findByRole("heading", { level: 4, name: MESSAGES.es.photos.heading });
    expect(heading.closest("section")).toHaveTextContent(MESSAGES.es.photos.views.crown.title);
  });
});
