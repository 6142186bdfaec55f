import { embedFrameAncestors, isEmbedPage } from "@/lib/embed/frame-policy";

describe("who may frame the embed page", () => {
  it("is the app itself and the allowed sites; nobody else when the setting is empty or bad", () => {
    expect(embedFrameAncestors(undefined)).toEqual(["'self'"]);
    expect(embedFrameAncestors("")).toEqual(["'self'"]);
    expect(embedFrameAncestors("https://clinic.example, https://www.clinic.example/")).toEqual([
      "'self'",
      "https://clinic.example",
      "https://www.clinic.example",
    ]);
    expect(embedFrameAncestors("https://clinic.example/path")).toEqual(["'self'"]);
    expect(embedFrameAncestors("https://clinic.example; script-src *")).toEqual(["'self'"]);
  });

  it("applies to the embed page only", () => {
    expect(isEmbedPage("/embed/assessment")).toBe(true);
    expect(isEmbedPage("/embed/assessment/")).toBe(true);
    for (const path of ["/", "/assessment", "/embed.js", "/embed", "/embed/assessmentx", "/staff/embed", "/api/v1/quote"]) {
      expect(isEmbedPage(path), path).toBe(false);
    }
  });
});
