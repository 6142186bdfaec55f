import { embedLeadSource } from "@/lib/embed/source";

describe("the embedded inquiry's source", () => {
  it("takes the host page's campaign tags and where its visit came from", () => {
    expect(
      embedLeadSource({
        utm_source: "facebook",
        utm_medium: "paid_social",
        utm_campaign: "spring-smp",
        page: "https://clinic.example/smp?utm_source=facebook",
        ref: "https://www.facebook.com/",
        parent: "https://clinic.example",
        locale: "es",
      }),
    ).toEqual({ utmSource: "facebook", utmMedium: "paid_social", utmCampaign: "spring-smp", referrer: "https://www.facebook.com/" });
  });

  it("falls back to the host page itself when the visit had no referrer", () => {
    expect(embedLeadSource({ page: "https://clinic.example/smp" })).toEqual({ referrer: "https://clinic.example/smp" });
    expect(embedLeadSource({ page: "https://clinic.example/smp", ref: "" })).toEqual({ referrer: "https://clinic.example/smp" });
  });

  it("keeps only web addresses, trims and bounds every value, and takes the first of repeated parameters", () => {
    expect(embedLeadSource({ ref: "javascript:alert(1)", page: "data:text/html,hi" })).toBeUndefined();
    expect(embedLeadSource({ ref: "not a url", page: "https://clinic.example/" })).toEqual({ referrer: "https://clinic.example/" });
    const long = embedLeadSource({ utm_source: ` ${"x".repeat(500)} `, page: `https://clinic.example/?q=${"y".repeat(3000)}` });
    expect(long?.utmSource).toHaveLength(200);
    expect(long?.referrer).toHaveLength(2000);
    expect(embedLeadSource({ utm_source: ["google", "bing"] })).toEqual({ utmSource: "google" });
    expect(embedLeadSource({ utm_source: "  " })).toBeUndefined();
    expect(embedLeadSource({})).toBeUndefined();
  });
});
