import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

/*
 * The anonymous funnel counts wait for an idle moment (components/questionnaire/idle.ts): nothing is
 * sent, and sessionStorage is not touched, in the task that shows the step or the result. Leaving
 * the page sends what is still waiting; each count still goes once per browser session.
 */
type IdleCallback = (deadline: { didTimeout: boolean; timeRemaining: () => number }) => void;

describe("funnel counts", () => {
  let idle: IdleCallback[] = [];
  let fetchMock: ReturnType<typeof vi.fn>;
  const sentEvents = () => fetchMock.mock.calls.map(([, init]) => JSON.parse(String((init as RequestInit).body)));
  const runIdle = (timeRemaining: number) => {
    const waiting = idle;
    idle = [];
    for (const callback of waiting) callback({ didTimeout: false, timeRemaining: () => timeRemaining });
  };

  beforeEach(() => {
    vi.resetModules();
    window.sessionStorage.clear();
    idle = [];
    vi.stubGlobal("requestIdleCallback", (callback: IdleCallback) => idle.push(callback));
    vi.stubGlobal("cancelIdleCallback", () => undefined);
    fetchMock = vi.fn(() => Promise.resolve(new Response(null, { status: 204 })));
    vi.stubGlobal("fetch", fetchMock);
  });

  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("sends nothing at once, everything when the browser is idle, each count once per session", async () => {
    const { countQuestionnaireStart, countQuestionnaireEvent } = await import("@/components/questionnaire/funnel-events");
    const getItem = vi.spyOn(Storage.prototype, "getItem");
    countQuestionnaireStart("scars", "es");
    countQuestionnaireEvent({ type: "completed", status: "eligible" }, "es");
    expect(fetchMock).not.toHaveBeenCalled();
    expect(getItem).not.toHaveBeenCalled();
    expect(idle).toHaveLength(1);

    runIdle(50);
    expect(sentEvents()).toEqual([
      { event: "started", locale: "es" },
      { event: "step", step: "scars", locale: "es" },
      { event: "completed", locale: "es" },
    ]);
    expect(fetchMock.mock.calls.every(([url, init]) => url === "/api/v1/questionnaire-events" && (init as RequestInit).keepalive)).toBe(true);

    // Counted already in this session: asked again, nothing more is sent.
    countQuestionnaireStart("scars", "es");
    runIdle(50);
    expect(fetchMock).toHaveBeenCalledTimes(3);
    getItem.mockRestore();
  });

  it("stops when the idle period runs out and goes on in the next one", async () => {
    const { countQuestionnaireStart } = await import("@/components/questionnaire/funnel-events");
    countQuestionnaireStart("health", "en");
    runIdle(1);
    expect(sentEvents()).toEqual([{ event: "started", locale: "en" }]);
    expect(idle).toHaveLength(1);
    runIdle(1);
    expect(sentEvents()).toEqual([
      { event: "started", locale: "en" },
      { event: "step", step: "health", locale: "en" },
    ]);
  });

  it("leaving the page sends what is still waiting", async () => {
    const { countQuestionnaireEvent } = await import("@/components/questionnaire/funnel-events");
    countQuestionnaireEvent({ type: "step", step: "goal" }, "en");
    expect(fetchMock).not.toHaveBeenCalled();
    window.dispatchEvent(new Event("pagehide"));
    expect(sentEvents()).toEqual([{ event: "step", step: "goal", locale: "en" }]);
    // The idle callback that was waiting finds nothing left.
    runIdle(50);
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });
});
