import { readFileSync } from "node:fs";
import path from "node:path";
import { JSDOM } from "jsdom";

import { EMBED_MESSAGE_MARK, MAX_FRAME_HEIGHT, eventMessage, resizeMessage, stepMessage } from "@/lib/embed/protocol";
import { readFrameMessage } from "@/lib/embed/read-message";

/**
 * public/embed.js (the host page's side) against the frame's messages built by
 * lib/embed/protocol.ts, in jsdom: where the frame goes, what it is told, which messages it obeys.
 */

const SCRIPT = readFileSync(path.resolve("public/embed.js"), "utf8");
const APP = "https://smp.app.example";
const HOST_URL = "https://clinic.example/smp-page?utm_source=google&utm_medium=cpc&utm_campaign=spring&other=1#pricing";

function hostPage(body: string, { url = HOST_URL, referrer = "https://www.google.com/" } = {}) {
  const dom = new JSDOM(`<!doctype html><html><head></head><body>${body}</body></html>`, {
    url,
    ...(referrer ? { referrer } : {}),
    runScripts: "outside-only",
  });
  dom.window.eval(SCRIPT);
  const frames = [...dom.window.document.querySelectorAll("iframe")];
  return { dom, window: dom.window, frames, frame: frames[0]! };
}

/** A message as the browser delivers it: with its sender's origin and window. */
function deliver(window: JSDOM["window"], data: unknown, origin: string, source: unknown) {
  window.dispatchEvent(new window.MessageEvent("message", { data, origin, source: source as Window }));
}

function captureEvents(window: JSDOM["window"]) {
  const seen: { type: string; detail: unknown }[] = [];
  for (const type of ["smp:completed", "smp:consultation-requested"]) {
    window.addEventListener(type, (e) => seen.push({ type, detail: (e as CustomEvent).detail }));
  }
  return seen;
}

describe("embed.js on the clinic's page", () => {
  it("inserts one frame of /embed/assessment where the tag stands, with the page's origin, language, campaign, address and referrer", () => {
    const { frames, frame, window } = hostPage(`<p id="before">Intro</p><script src="${APP}/embed.js" data-locale="es" async></script><p id="after">Outro</p>`);
    expect(frames).toHaveLength(1);
    expect(frame.previousElementSibling?.tagName).toBe("SCRIPT");
    expect(frame.nextElementSibling?.id).toBe("after");
    const src = new URL(frame.src);
    expect(src.origin + src.pathname).toBe(`${APP}/embed/assessment`);
    expect(Object.fromEntries(src.searchParams)).toEqual({
      parent: "https://clinic.example",
      locale: "es",
      utm_source: "google",
      utm_medium: "cpc",
      utm_campaign: "spring",
      page: "https://clinic.example/smp-page?utm_source=google&utm_medium=cpc&utm_campaign=spring&other=1",
      ref: "https://www.google.com/",
    });
    expect(frame.title).toBe("Evaluación de micropigmentación capilar");
    expect(frame.getAttribute("sandbox")).not.toContain("allow-top-navigation");
    expect(window.document.querySelector("script")?.hasAttribute("data-smp-embed")).toBe(true);
  });

  it("goes inside data-target once the page is parsed, ignores an unknown data-locale, and runs once per tag", async () => {
    const { window } = hostPage(`<script src="${APP}/embed.js?v=2" data-target="#slot" data-locale="fr"></script><div id="slot"></div>`, {
      url: "https://clinic.example/",
      referrer: "",
    });
    if (window.document.readyState === "loading") await new Promise((resolve) => window.document.addEventListener("DOMContentLoaded", resolve));
    const frames = [...window.document.querySelectorAll("iframe")];
    expect(frames).toHaveLength(1);
    const frame = frames[0]!;
    expect(frame.parentElement?.id).toBe("slot");
    const params = new URL(frame.src).searchParams;
    expect(params.has("locale")).toBe(false);
    expect(params.has("ref")).toBe(false);
    expect(params.get("page")).toBe("https://clinic.example/");
    expect(frame.title).toBe("Scalp micropigmentation assessment");
    window.eval(SCRIPT);
    expect(window.document.querySelectorAll("iframe")).toHaveLength(1);
  });

  it("sizes the frame only on a well-formed message from the app's origin and its own frame", () => {
    const { window, frame } = hostPage(`<script src="${APP}/embed.js"></script>`);
    const initial = frame.style.height;
    deliver(window, resizeMessage(1234), "https://evil.example", frame.contentWindow);
    deliver(window, resizeMessage(1234), APP, window);
    deliver(window, { ...resizeMessage(1234), mark: "other" }, APP, frame.contentWindow);
    deliver(window, { mark: EMBED_MESSAGE_MARK, type: "resize", height: MAX_FRAME_HEIGHT + 1 }, APP, frame.contentWindow);
    deliver(window, { mark: EMBED_MESSAGE_MARK, type: "resize", height: "1234" }, APP, frame.contentWindow);
    deliver(window, "resize:1234", APP, frame.contentWindow);
    expect(frame.style.height).toBe(initial);
    deliver(window, resizeMessage(1234.2), APP, frame.contentWindow);
    expect(frame.style.height).toBe("1235px");
    deliver(window, resizeMessage(700), APP, frame.contentWindow);
    expect(frame.style.height).toBe("700px");
  });

  it("dispatches smp:completed and smp:consultation-requested with the status and reference only", () => {
    const { window, frame } = hostPage(`<script src="${APP}/embed.js"></script>`);
    const seen = captureEvents(window);
    deliver(window, eventMessage("completed", "eligible"), "https://evil.example", frame.contentWindow);
    deliver(window, { ...eventMessage("completed", "eligible"), detail: { status: "maybe" } }, APP, frame.contentWindow);
    deliver(window, { ...eventMessage("completed", "eligible"), name: "anything" }, APP, frame.contentWindow);
    expect(seen).toEqual([]);
    deliver(window, eventMessage("completed", "clearance_required"), APP, frame.contentWindow);
    const smuggled = eventMessage("consultation-requested", "eligible", "lead_123");
    deliver(window, { ...smuggled, detail: { ...(smuggled as { detail: object }).detail, email: "pat@example.com" }, phone: "+1" }, APP, frame.contentWindow);
    expect(seen).toEqual([
      { type: "smp:completed", detail: { status: "clearance_required" } },
      { type: "smp:consultation-requested", detail: { status: "eligible", reference: "lead_123" } },
    ]);
  });

  it("brings the frame's top into view on a new step only when the page is scrolled past it", () => {
    const { window, frame } = hostPage(`<script src="${APP}/embed.js"></script>`);
    const scrolls: unknown[] = [];
    window.scrollBy = ((options: unknown) => scrolls.push(options)) as typeof window.scrollBy;
    let top = 120;
    frame.getBoundingClientRect = () => ({ top }) as DOMRect;
    deliver(window, stepMessage(), APP, frame.contentWindow);
    expect(scrolls).toEqual([]);
    top = -480;
    deliver(window, stepMessage(), "https://evil.example", frame.contentWindow);
    expect(scrolls).toEqual([]);
    deliver(window, stepMessage(), APP, frame.contentWindow);
    expect(scrolls).toEqual([{ top: -480, behavior: "smooth" }]);
  });

  it("obeys exactly the messages the TypeScript reader accepts (one protocol on both sides)", () => {
    const candidates: unknown[] = [
      resizeMessage(480),
      { mark: EMBED_MESSAGE_MARK, type: "resize", height: 0 },
      { mark: EMBED_MESSAGE_MARK, type: "resize", height: Number.NaN },
      { mark: EMBED_MESSAGE_MARK, type: "resize", height: MAX_FRAME_HEIGHT },
      eventMessage("completed", "consult_required"),
      eventMessage("consultation-requested", "eligible_with_conditions", "r1"),
      { mark: EMBED_MESSAGE_MARK, type: "event", name: "completed", detail: { status: "eligible", reference: "x".repeat(65) } },
      { mark: EMBED_MESSAGE_MARK, type: "event", name: "completed", detail: null },
      { mark: EMBED_MESSAGE_MARK, type: "navigate", href: "https://evil.example" },
      null,
      42,
    ];
    for (const data of candidates) {
      const { window, frame } = hostPage(`<script src="${APP}/embed.js"></script>`);
      const seen = captureEvents(window);
      const before = frame.style.height;
      deliver(window, data, APP, frame.contentWindow);
      const expected = readFrameMessage(data);
      if (expected?.type === "resize") expect(frame.style.height).toBe(`${expected.height}px`);
      else expect(frame.style.height, JSON.stringify(data)).toBe(before);
      if (expected?.type === "event") expect(seen).toEqual([{ type: `smp:${expected.name}`, detail: expected.detail }]);
      else expect(seen, JSON.stringify(data)).toEqual([]);
    }
  });
});
