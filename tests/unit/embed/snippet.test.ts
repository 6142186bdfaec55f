import { readFileSync } from "node:fs";
import path from "node:path";

import { ANALYTICS_EXAMPLE, embedSnippet } from "@/lib/embed/snippet";

describe("the snippets the clinic pastes", () => {
  it("builds the tag with the app's origin and the chosen options", () => {
    expect(embedSnippet("https://smp.clinic.example")).toBe('<script src="https://smp.clinic.example/embed.js" async></script>');
    expect(embedSnippet("https://smp.clinic.example", { locale: "es", target: "#smp-estimator" })).toBe(
      '<script src="https://smp.clinic.example/embed.js" data-locale="es" data-target="#smp-estimator" async></script>',
    );
  });

  it("are the ones the README's 'On your website' section shows", () => {
    const readme = readFileSync(path.resolve("README.md"), "utf8");
    const section = readme.slice(readme.indexOf("## On your website"), readme.indexOf("## The rules"));
    expect(section).toContain(embedSnippet("https://APP"));
    expect(section).toContain(ANALYTICS_EXAMPLE);
  });
});
