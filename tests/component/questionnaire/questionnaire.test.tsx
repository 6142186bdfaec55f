import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent, { type UserEvent } from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Questionnaire } from "@/components/questionnaire/Questionnaire";
import { ASSESSMENT_STORAGE_KEY } from "@/components/questionnaire/storage";
import { quoteFetch, RESULTS, SAVED_AT_RESULT_NW6 } from "./result-fixtures";
import { stubIdleAndObserver } from "./idle-stubs";
import { renderWithIntl } from "./render-with-intl";

vi.mock("next/link", () => ({
  default: ({ href, children, ...rest }: { href: string; children: React.ReactNode }) => (
    <a href={href} {...rest}>
      {children}
    </a>
  ),
}));

const next = () => screen.getByRole("button", { name: /^(Next|See my result)$/ });

async function answerAbout(user: UserEvent, age = "45", sex: RegExp = /^Man$/) {
  await user.click(screen.getByRole("radio", { name: sex }));
  await user.clear(screen.getByRole("textbox", { name: "Your age" }));
  await user.type(screen.getByRole("textbox", { name: "Your age" }), age);
  await user.click(next());
}

async function choosePattern(user: UserEvent, name: RegExp) {
  await user.click(screen.getByRole("radio", { name }));
  await user.click(next());
}

function quoteResponse(body: unknown, status = 200) {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

describe("Questionnaire", () => {
  beforeEach(() => {
    window.localStorage.clear();
    window.sessionStorage.clear();
    // Each step is recorded in the address (?step=...); every test starts on the bare page.
    window.history.replaceState(null, "", "/assessment");
  });
  afterEach(() => vi.unstubAllGlobals());

  it("starts at step 1 of 6 with a progress bar", () => {
    renderWithIntl(<Questionnaire />);
    expect(screen.getByText("Step 1 of 6")).toBeInTheDocument();
    expect(screen.getByRole("progressbar", { name: "Progress through the check" })).toHaveAttribute("value", "1");
    expect(screen.getByRole("heading", { name: "About you" })).toBeInTheDocument();
  });

  it("shows specific errors next to each unanswered field and focuses the first", async () => {
    const user = userEvent.setup();
    renderWithIntl(<Questionnaire />);
    await user.click(next());
    const sexGroup = screen.getByRole("radiogroup", { name: "Which best describes you?" });
    // Validation loads just after first paint, so the very first check may take a moment.
    expect(await within(sexGroup).findByText("Please choose one of the options.")).toBeInTheDocument();
    expect(sexGroup).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByText("Please enter your age.")).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole("radio", { name: "Man" })).toHaveFocus());
    // Announced for screen readers, too.
    expect(screen.getByText(/2 answers need attention: Please choose one of the options\./)).toBeInTheDocument();
    expect(screen.getByRole("heading", { name: "About you" })).toBeInTheDocument();
  });

  it("tells a 17-year-old the check is for adults and focuses the age", async () => {
    const user = userEvent.setup();
    renderWithIntl(<Questionnaire />);
    await answerAbout(user, "17");
    const age = screen.getByRole("textbox", { name: "Your age" });
    expect(age).toHaveAttribute("aria-invalid", "true");
    expect(age).toHaveAccessibleDescription(/This online check is for adults \(18 or older\)/);
    await waitFor(() => expect(age).toHaveFocus());
    // Fixing the answer clears the message at once.
    await user.clear(age);
    await user.type(age, "18");
    await waitFor(() => expect(age).not.toHaveAttribute("aria-invalid"));
    expect(age).not.toHaveAccessibleDescription(/18 or older/);
  });

  it("shows the errors in Spanish for a Spanish speaker", async () => {
    const user = userEvent.setup();
    renderWithIntl(<Questionnaire />, "es");
    await user.click(screen.getByRole("radio", { name: "Hombre" }));
    await user.type(screen.getByRole("textbox", { name: "Su edad" }), "16");
    await user.click(screen.getByRole("button", { name: "Siguiente" }));
    expect(screen.getByRole("textbox", { name: "Su edad" })).toHaveAccessibleDescription(/Esta evaluación en línea es para adultos/);
    expect(screen.queryByText(/online assessment is for adults/)).not.toBeInTheDocument();
  });

  it("skips the Norwood pictures for alopecia totalis", async () => {
    const user = userEvent.setup();
    renderWithIntl(<Questionnaire />);
    await answerAbout(user);
    await waitFor(() => expect(screen.getByRole("heading", { name: "Your hair loss" })).toHaveFocus());
    await choosePattern(user, /alopecia totalis/);
    expect(screen.getByRole("heading", { name: "Scars and marks" })).toBeInTheDocument();
    expect(screen.getByText("Step 3 of 6")).toBeInTheDocument();
    expect(screen.queryByRole("radiogroup", { name: /Which picture/ })).not.toBeInTheDocument();
  });

  it("asks for a Norwood picture (or Not sure) for a receding hairline", async () => {
    const user = userEvent.setup();
    renderWithIntl(<Questionnaire />);
    await answerAbout(user);
    await choosePattern(user, /Receding hairline/);
    // The picture belongs to the hair-loss step: the count stays "of 6" whatever applies.
    expect(screen.getByText("Step 2 of 6")).toBeInTheDocument();
    const group = screen.getByRole("radiogroup", { name: "Which picture looks most like your hair?" });
    expect(within(group).getAllByRole("radio")).toHaveLength(13);
    await user.click(next());
    expect(screen.getByText("Please choose the picture closest to your hair, or “Not sure”.")).toBeInTheDocument();
    await waitFor(() => expect(within(group).getAllByRole("radio")[0]).toHaveFocus());
    await user.click(screen.getByRole("radio", { name: /^Not sure:/ }));
    await user.click(next());
    expect(screen.getByRole("heading", { name: "Scars and marks" })).toBeInTheDocument();
  });

  it("offers Ludwig pictures for diffuse thinning and accepts Not sure", async () => {
    const user = userEvent.setup();
    renderWithIntl(<Questionnaire />);
    await answerAbout(user, "52", /^Woman$/);
    await choosePattern(user, /Thinning over the top/);
    expect(screen.getByRole("radio", { name: /^Ludwig II:/ })).toBeInTheDocument();
    await user.click(next());
    expect(screen.getByText("Please choose the picture closest to your hair, or “Not sure”.")).toBeInTheDocument();
    await user.click(screen.getByRole("radio", { name: /^Not sure:/ }));
    expect(screen.queryByText("Please choose the picture closest to your hair, or “Not sure”.")).not.toBeInTheDocument();
    await user.click(next());
    expect(screen.getByRole("heading", { name: "Scars and marks" })).toBeInTheDocument();
  });

  it("asks about dermatology clearance only when an active skin condition is ticked", async () => {
    const user = userEvent.setup();
    renderWithIntl(<Questionnaire />);
    await answerAbout(user);
    await choosePattern(user, /alopecia areata/);
    await user.click(next()); // no scars
    expect(screen.getByRole("heading", { name: "Your scalp and health" })).toBeInTheDocument();
    const clearance = /written clearance from my dermatologist/;
    expect(screen.queryByRole("checkbox", { name: clearance })).not.toBeInTheDocument();
    await user.click(screen.getByRole("checkbox", { name: "Dry, red or peeling skin" }));
    expect(screen.getByRole("checkbox", { name: clearance })).toBeInTheDocument();
    await user.click(screen.getByRole("checkbox", { name: "Dry, red or peeling skin" }));
    expect(screen.queryByRole("checkbox", { name: clearance })).not.toBeInTheDocument();
    await user.click(screen.getByRole("checkbox", { name: "Seborrheic dermatitis" }));
    expect(screen.getByRole("checkbox", { name: clearance })).toBeInTheDocument();
    // An infection or open wound is not a skin condition a clearance lifts: it asks nothing more.
    await user.click(screen.getByRole("checkbox", { name: "Seborrheic dermatitis" }));
    await user.click(screen.getByRole("checkbox", { name: /scalp infection or an open wound/ }));
    expect(screen.queryByRole("checkbox", { name: clearance })).not.toBeInTheDocument();
    // Chemotherapy is required on this step.
    await user.click(next());
    expect(screen.getByRole("radiogroup", { name: /chemotherapy/ })).toHaveAttribute("aria-invalid", "true");
  });

  it("keeps every answer when going back and forward", async () => {
    const user = userEvent.setup();
    renderWithIntl(<Questionnaire />);
    await answerAbout(user, "38");
    await choosePattern(user, /Receding hairline/);
    await user.click(screen.getByRole("radio", { name: /^Norwood 4A:/ }));
    await user.click(next());
    await user.click(await screen.findByRole("checkbox", { name: "FUE dots" }));
    await user.click(screen.getByRole("button", { name: "Back" }));
    expect(screen.getByRole("radio", { name: /^Norwood 4A:/ })).toBeChecked();
    await user.click(screen.getByRole("button", { name: "Back" }));
    expect(screen.getByRole("radio", { name: /Receding hairline/ })).toBeChecked();
    await user.click(screen.getByRole("button", { name: "Back" }));
    expect(screen.getByRole("textbox", { name: "Your age" })).toHaveValue("38");
    await user.click(next());
    await screen.findByRole("heading", { name: "Your hair loss" });
    await user.click(next());
    await screen.findByRole("heading", { name: "Your hair, seen from above" });
    await user.click(next());
    expect(await screen.findByRole("checkbox", { name: "FUE dots" })).toBeChecked();
  });

  it("survives a reload: the step and the answers come back; Start over clears them", async () => {
    const user = userEvent.setup();
    const first = renderWithIntl(<Questionnaire />);
    await answerAbout(user, "61");
    await choosePattern(user, /No hair loss/);
    expect(screen.getByRole("heading", { name: "Scars and marks" })).toBeInTheDocument();
    first.unmount();

    renderWithIntl(<Questionnaire />);
    expect(screen.getByRole("heading", { name: "Scars and marks" })).toBeInTheDocument();
    expect(screen.getByText(/Welcome back/)).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Back" }));
    expect(screen.getByRole("radio", { name: /No hair loss/ })).toBeChecked();

    const startOver = screen.getByRole("button", { name: "Start over" });
    await user.click(startOver);
    // It asks first; "No" keeps everything and puts focus back on the button.
    const dialog = screen.getByRole("alertdialog", { name: "Start over?" });
    await waitFor(() => expect(within(dialog).getByRole("button", { name: "No, keep my answers" })).toHaveFocus());
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("alertdialog")).not.toBeInTheDocument();
    await waitFor(() => expect(startOver).toHaveFocus());
    expect(window.localStorage.getItem(ASSESSMENT_STORAGE_KEY)).not.toBeNull();
    await user.click(startOver);
    await user.click(screen.getByRole("button", { name: "Yes, delete my answers" }));
    expect(window.localStorage.getItem(ASSESSMENT_STORAGE_KEY)).toBeNull();
    await waitFor(() => expect(screen.getByRole("heading", { name: "About you" })).toHaveFocus());
    expect(screen.getByRole("textbox", { name: "Your age" })).toHaveValue("");
    expect(screen.getByText("Your answers were deleted. You're back at the first question.")).toBeInTheDocument();
  });

  it("shows the server's result and sends one consultation request however often it is clicked", async () => {
    const user = userEvent.setup();
    let resolveLead: (response: Response) => void = () => {};
    const fetchMock = vi.fn((url: string, init?: RequestInit) => {
      if (url.startsWith("/api/v1/quote")) return Promise.resolve(quoteResponse(RESULTS.eligible_with_conditions));
      if (url === "/api/v1/leads?locale=en") return new Promise<Response>((resolve) => (resolveLead = resolve));
      // The anonymous funnel count fails here: the questionnaire must not notice.
      if (url === "/api/v1/questionnaire-events") return Promise.reject(new TypeError("offline"));
      throw new Error(`unexpected ${url} ${String(init?.method)}`);
    });
    vi.stubGlobal("fetch", fetchMock);
    window.history.replaceState(null, "", "/assessment?utm_source=google&utm_campaign=spring");
    renderWithIntl(<Questionnaire />);
    await answerAbout(user);
    await choosePattern(user, /alopecia areata/);
    await user.click(screen.getByRole("checkbox", { name: "Burn scar" }));
    await user.click(next());
    await user.click(screen.getByRole("radio", { name: "No" }));
    await user.click(next());
    await user.click(screen.getByRole("radio", { name: /A full, closely shaved look/ }));
    await user.click(next());
    // The review lists every answer before the result.
    await screen.findByRole("heading", { name: "Check your answers" });
    expect(screen.getByText("Step 6 of 6")).toBeInTheDocument();
    expect(screen.getByRole("region", { name: "Scars and marks" })).toHaveTextContent("Burn scar");
    expect(screen.getByRole("region", { name: "What you would like" })).toHaveTextContent("A full, closely shaved look");
    await user.click(screen.getByRole("button", { name: "See my result" }));

    expect(await screen.findByText("SMP looks possible for you, with a few things to know first.")).toBeInTheDocument();
    expect(screen.getByText("$2,000 to $3,500")).toBeInTheDocument();
    const [quoteUrl, quoteInit] = fetchMock.mock.calls.find(([url]) => url.startsWith("/api/v1/quote")) as [string, RequestInit];
    expect(quoteUrl).toBe("/api/v1/quote?locale=en");
    // The funnel was counted once per step reached, nothing personal in it.
    // ("completed" follows the shown result a moment later; it is counted once, checked below.)
    const counted = fetchMock.mock.calls
      .filter(([url]) => url === "/api/v1/questionnaire-events")
      .map(([, init]) => JSON.parse(String(init?.body)))
      .filter((event: { event: string }) => event.event !== "completed");
    expect(counted).toEqual([
      { event: "started", locale: "en" },
      { event: "step", step: "about", locale: "en" },
      { event: "step", step: "pattern", locale: "en" },
      { event: "step", step: "scars", locale: "en" },
      { event: "step", step: "health", locale: "en" },
      { event: "step", step: "goal", locale: "en" },
      { event: "step", step: "review", locale: "en" },
    ]);
    expect(JSON.parse(String(quoteInit.body))).toEqual({
      sex: "male",
      age: 45,
      lossPattern: "alopecia_areata",
      goal: "full_shaved_look",
      scars: ["burn"],
      skinConditions: [],
      dermatologyClearance: false,
      chemotherapy: "none",
      healthScreen: [],
    });

    await user.type(await screen.findByRole("textbox", { name: "First name" }), "Ana");
    await user.type(screen.getByRole("textbox", { name: "Last name" }), "Lopez");
    await user.type(screen.getByRole("textbox", { name: "Email" }), "ana@example.com");
    await user.type(screen.getByRole("textbox", { name: "Phone" }), "(714) 555-0123");
    await user.click(screen.getByRole("radio", { name: "Text message" }));
    await user.click(screen.getByRole("checkbox", { name: /I agree that/ }));
    await user.click(screen.getByRole("checkbox", { name: /I understand that/ }));
    const submit = screen.getByRole("button", { name: "Request my consultation" });
    await user.dblClick(submit);
    await waitFor(() => expect(screen.getByRole("button", { name: "Sending…" })).toBeDisabled());
    await user.click(screen.getByRole("button", { name: "Sending…" }));

    const leadCalls = fetchMock.mock.calls.filter(([url]) => url === "/api/v1/leads?locale=en");
    expect(leadCalls).toHaveLength(1);
    const body = JSON.parse(String((leadCalls[0] as [string, RequestInit])[1].body));
    expect(body.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.contact).toMatchObject({ firstName: "Ana", lastName: "Lopez", email: "ana@example.com", preferredContact: "sms" });
    expect(body.consent).toMatchObject({ contactAccepted: true, privacyAccepted: true });
    expect(body.source).toMatchObject({ utmSource: "google", utmCampaign: "spring" });
    expect(body.answers.scars).toEqual(["burn"]);
    expect(body.website).toBeUndefined();

    await act(async () => resolveLead(quoteResponse({ id: "lead_1", reference: "SMP-7KQ4-94", result: RESULTS.eligible_with_conditions }, 201)));
    const thanks = await screen.findByRole("heading", { name: "Thank you, Ana. Your request has been sent." });
    await waitFor(() => expect(thanks).toHaveFocus());
    // The result and the request were counted too, once each.
    const countedEvents = fetchMock.mock.calls.filter(([url]) => url === "/api/v1/questionnaire-events").map(([, init]) => JSON.parse(String(init?.body)).event);
    expect(countedEvents.filter((event) => event === "completed")).toHaveLength(1);
    expect(countedEvents.filter((event) => event === "requested")).toHaveLength(1);
    expect(screen.getByText("SMP-7KQ4-94")).toBeInTheDocument();
    // The clinic has the answers now: only the confirmation stays on the device (no answers, no contact details).
    const stored = JSON.parse(window.localStorage.getItem(ASSESSMENT_STORAGE_KEY) ?? "{}");
    expect(stored.confirmation).toEqual({ reference: "SMP-7KQ4-94", method: "sms" });
    expect(stored.answers).toEqual({});
    expect(JSON.stringify(stored)).not.toMatch(/Ana|Lopez|ana@example|555/);
    // The whole questionnaire, the review and the form: longer than the default 5 s on a busy machine.
  }, 20_000);

  it("maps a 400 onto the fields, keeps the idempotency key on retry, and is friendly on 429", async () => {
    const user = userEvent.setup();
    const leadResponses = [
      quoteResponse({ error: { code: "VALIDATION_FAILED", message: "x", fields: { "contact.phone": "Please enter a valid phone number, including the area code (e.g. (212) 555-0123); numbers outside the US need their country code (e.g. +34 …)." } } }, 400),
      quoteResponse({ error: { code: "RATE_LIMITED", message: "slow down" } }, 429),
    ];
    const fetchMock = vi.fn((url: string, _init?: RequestInit) =>
      Promise.resolve(
        url.startsWith("/api/v1/quote")
          ? quoteResponse(RESULTS.eligible)
          : url === "/api/v1/questionnaire-events"
            ? new Response(null, { status: 204 })
            : (leadResponses.shift() as Response),
      ),
    );
    vi.stubGlobal("fetch", fetchMock);
    window.localStorage.setItem(
      ASSESSMENT_STORAGE_KEY,
      JSON.stringify({
        savedAt: Date.now(),
        stepId: "result",
        ludwigUnsure: false,
        answers: { sex: "female", age: 40, lossPattern: "none", goal: "scar_camouflage_only", scars: ["strip"], skinConditions: [], dermatologyClearance: false, chemotherapy: "none", healthScreen: [] },
      }),
    );
    renderWithIntl(<Questionnaire />);
    expect(await screen.findByText("Good news: SMP looks like a good fit for you.")).toBeInTheDocument();
    expect(screen.getByText("All steps done")).toBeInTheDocument();

    await user.type(await screen.findByRole("textbox", { name: "First name" }), "Bea");
    await user.type(screen.getByRole("textbox", { name: "Last name" }), "Ruiz");
    await user.type(screen.getByRole("textbox", { name: "Email" }), "bea@example.com");
    await user.type(screen.getByRole("textbox", { name: "Phone" }), "(714) 555-0199");
    await user.click(screen.getByRole("radio", { name: "Phone call" }));
    await user.click(screen.getByRole("checkbox", { name: /I agree that/ }));
    await user.click(screen.getByRole("checkbox", { name: /I understand that/ }));
    await user.click(screen.getByRole("button", { name: "Request my consultation" }));

    const phone = screen.getByRole("textbox", { name: "Phone" });
    await waitFor(() => expect(phone).toHaveAttribute("aria-invalid", "true"));
    expect(phone).toHaveAccessibleDescription(/Please enter a valid phone number with the area code/);
    await waitFor(() => expect(phone).toHaveFocus());

    await user.click(screen.getByRole("button", { name: "Request my consultation" }));
    expect(await screen.findByText(/Too many requests were sent from this device/)).toBeInTheDocument();

    const keys = fetchMock.mock.calls
      .filter(([url]) => url === "/api/v1/leads?locale=en")
      .map(([, init]) => JSON.parse(String(init?.body)).idempotencyKey);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toBe(keys[1]);
  });

  it("never stores contact details on the device", async () => {
    const user = userEvent.setup();
    vi.stubGlobal("fetch", vi.fn(() => Promise.resolve(quoteResponse(RESULTS.eligible))));
    window.localStorage.setItem(ASSESSMENT_STORAGE_KEY, JSON.stringify({ savedAt: Date.now(), ...SAVED_AT_RESULT_NW6 }));
    renderWithIntl(<Questionnaire />);
    await user.type(await screen.findByRole("textbox", { name: "Email" }), "secret@example.com");
    await user.type(screen.getByRole("textbox", { name: "First name" }), "Zed");
    expect(JSON.stringify(window.localStorage)).not.toMatch(/secret@example\.com|Zed/);
  });

  it("brings the consultation form in after the result: when the browser is idle, or sooner when its place nears the screen", async () => {
    const browser = stubIdleAndObserver();
    vi.stubGlobal("fetch", vi.fn(quoteFetch(RESULTS.eligible)));
    const saved = { savedAt: Date.now(), ...SAVED_AT_RESULT_NW6 };

    // Idle: the form comes in without the patient doing anything.
    window.localStorage.setItem(ASSESSMENT_STORAGE_KEY, JSON.stringify(saved));
    const first = renderWithIntl(<Questionnaire />);
    expect(await screen.findByText("Good news: SMP looks like a good fit for you.")).toBeInTheDocument();
    expect(screen.queryByRole("region", { name: "Request a consultation" })).not.toBeInTheDocument();
    await browser.watchedPlace();
    await act(async () => browser.runIdle());
    expect(await screen.findByRole("textbox", { name: "First name" })).toBeInTheDocument();
    first.unmount();

    // Scrolled towards it before the browser was idle: it comes in at once.
    browser.reset();
    renderWithIntl(<Questionnaire />);
    expect(await screen.findByText("Good news: SMP looks like a good fit for you.")).toBeInTheDocument();
    const watching = await browser.watchedPlace();
    expect(watching.options?.rootMargin).toBe("100% 0px");
    expect(screen.queryByRole("textbox", { name: "First name" })).not.toBeInTheDocument();
    await act(async () =>
      watching.callback([{ isIntersecting: true, target: watching.elements[0] } as unknown as IntersectionObserverEntry], {} as IntersectionObserver),
    );
    expect(await screen.findByRole("textbox", { name: "First name" })).toBeInTheDocument();
  });

  it("a step restored from the device reaches the address when the browser is idle, or before the next step at the latest", async () => {
    type IdleCallback = (deadline: { didTimeout: boolean; timeRemaining: () => number }) => void;
    let idle: IdleCallback[] = [];
    vi.stubGlobal("requestIdleCallback", (callback: IdleCallback) => idle.push(callback));
    vi.stubGlobal("cancelIdleCallback", () => undefined);
    const saved = { savedAt: Date.now(), stepId: "scars", ludwigUnsure: false, answers: { sex: "female", age: 61, lossPattern: "none" } };

    window.localStorage.setItem(ASSESSMENT_STORAGE_KEY, JSON.stringify(saved));
    const first = renderWithIntl(<Questionnaire />);
    expect(await screen.findByRole("heading", { name: "Scars and marks" })).toBeInTheDocument();
    expect(window.location.search).toBe("");
    await act(async () => {
      const waiting = idle;
      idle = [];
      for (const callback of waiting) callback({ didTimeout: false, timeRemaining: () => 50 });
    });
    expect(window.location.search).toBe("?step=scars");
    first.unmount();

    // The patient goes back a step before the browser was idle: the restored step's address is
    // recorded first, so the browser's Back returns to it.
    window.history.replaceState(null, "", "/assessment");
    idle = [];
    const user = userEvent.setup();
    renderWithIntl(<Questionnaire />);
    expect(await screen.findByRole("heading", { name: "Scars and marks" })).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Back" }));
    expect(window.location.search).toBe("?step=pattern");
    window.history.back();
    await waitFor(() => expect(window.location.search).toBe("?step=scars"));
    expect(await screen.findByRole("heading", { name: "Scars and marks" })).toBeInTheDocument();
  });

  it("issue 19: once sent, Back and Forward keep the request-sent screen, the answers never come back to the device, and every send uses the check's one key", async () => {
    const user = userEvent.setup();
    const checkKey = "3b241101-e2bb-4255-8caf-4136c566a962";
    const fetchMock = vi.fn((url: string, _init?: RequestInit) =>
      Promise.resolve(
        url.startsWith("/api/v1/quote")
          ? quoteResponse(RESULTS.consult_required)
          : url === "/api/v1/questionnaire-events"
            ? new Response(null, { status: 204 })
            : quoteResponse({ id: "lead_9", reference: "SMP-9QX2-41", result: RESULTS.consult_required }, 201),
      ),
    );
    vi.stubGlobal("fetch", fetchMock);
    const answers = { sex: "female", age: 34, lossPattern: "diffuse_thinning", ludwigStage: "II", goal: "add_density", scars: [], skinConditions: [], dermatologyClearance: false, chemotherapy: "none", healthScreen: ["pregnant_or_breastfeeding"] };
    window.localStorage.setItem(
      ASSESSMENT_STORAGE_KEY,
      JSON.stringify({ savedAt: Date.now(), stepId: "result", ludwigUnsure: false, answers, idempotencyKey: checkKey }),
    );
    // The patient came to the result through the review: one history entry each.
    window.history.replaceState(null, "", "/assessment?step=review");
    window.history.pushState(null, "", "/assessment?step=result");
    renderWithIntl(<Questionnaire />);
    expect(await screen.findByText("SMP may suit you, but the doctor needs to talk with you first.")).toBeInTheDocument();

    await user.type(await screen.findByRole("textbox", { name: "First name" }), "Eva");
    await user.type(screen.getByRole("textbox", { name: "Last name" }), "Soto");
    await user.type(screen.getByRole("textbox", { name: "Email" }), "eva@example.com");
    await user.type(screen.getByRole("textbox", { name: "Phone" }), "(714) 555-0142");
    await user.click(screen.getByRole("radio", { name: "Email" }));
    await user.click(screen.getByRole("checkbox", { name: /I agree that/ }));
    await user.click(screen.getByRole("checkbox", { name: /I understand that/ }));
    await user.click(screen.getByRole("button", { name: "Request my consultation" }));
    expect(await screen.findByRole("heading", { name: "Thank you, Eva. Your request has been sent." })).toBeInTheDocument();

    const stored = () => JSON.parse(window.localStorage.getItem(ASSESSMENT_STORAGE_KEY) ?? "{}") as Record<string, unknown>;
    const expectSentScreen = () => {
      expect(screen.getByRole("heading", { name: "Thank you, Eva. Your request has been sent." })).toBeInTheDocument();
      expect(screen.queryByRole("heading", { name: "Check your answers" })).not.toBeInTheDocument();
      expect(screen.queryByRole("button", { name: "Request my consultation" })).not.toBeInTheDocument();
      expect(screen.queryByRole("button", { name: "Change my answers" })).not.toBeInTheDocument();
      expect(stored().answers).toEqual({});
      expect(stored().confirmation).toEqual({ reference: "SMP-9QX2-41", method: "email" });
      expect(window.localStorage.getItem(ASSESSMENT_STORAGE_KEY)).not.toMatch(/pregnan|diffuse|Eva|eva@/);
    };
    expectSentScreen();

    // Back: the review entry is not shown again; the address becomes the result's.
    await act(async () => window.history.back());
    await waitFor(() => expect(window.location.search).toBe("?step=result"));
    expectSentScreen();
    // Forward (the original result entry): still the request-sent screen, no empty form.
    await act(async () => window.history.forward());
    await new Promise((resolve) => setTimeout(resolve, 20));
    expectSentScreen();

    const keys = fetchMock.mock.calls
      .filter(([url]) => url.startsWith("/api/v1/leads"))
      .map(([, init]) => JSON.parse(String(init?.body)).idempotencyKey);
    expect(keys).toEqual([checkKey]);
    expect(stored().idempotencyKey).toBe(checkKey);
  }, 20_000);

  it("issue 19: a new check (no key on the device) gets one key, saved with the answers before anything is sent", async () => {
    const user = userEvent.setup();
    vi.stubGlobal("fetch", vi.fn(() => Promise.resolve(new Response(null, { status: 204 }))));
    renderWithIntl(<Questionnaire />);
    await answerAbout(user);
    const first = JSON.parse(window.localStorage.getItem(ASSESSMENT_STORAGE_KEY) ?? "{}") as { idempotencyKey?: string };
    expect(first.idempotencyKey).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    await choosePattern(user, /alopecia totalis/);
    const later = JSON.parse(window.localStorage.getItem(ASSESSMENT_STORAGE_KEY) ?? "{}") as { idempotencyKey?: string };
    expect(later.idempotencyKey).toBe(first.idempotencyKey);
  });
});

