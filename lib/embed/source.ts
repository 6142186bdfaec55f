import { LEAD_LIMITS, type LeadSource } from "@/lib/leads/lead-input";

/**
 * The lead's source when the questionnaire runs inside the clinic's page. The embed script passes
 * what the host page knows (public/embed.js): its utm_* tags, its own URL (`page`) and its
 * referrer (`ref`). Inside the frame, `location` is the frame's and `document.referrer` is at
 * most the host's origin, so neither says which campaign brought the patient.
 *
 * `referrer` is where the visit came from: the host page's referrer (a search engine, an ad, a
 * social post) when the browser gave one, else the host page itself (typed in, bookmarked, or a
 * referrer policy that hides it), so a lead always records which page of the clinic's site it
 * was sent from when nothing better is known.
 */
export type EmbedSearchParams = Record<string, string | string[] | undefined>;

const first = (value: string | string[] | undefined): string | undefined => {
  const text = (Array.isArray(value) ? value[0] : value)?.trim();
  return text ? text : undefined;
};

/** Only http(s) addresses count as a page or referrer (not javascript:, data:, or free text). */
function webAddress(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:" ? value.slice(0, LEAD_LIMITS.referrerMax) : undefined;
  } catch {
    return undefined;
  }
}

export function embedLeadSource(params: EmbedSearchParams): LeadSource | undefined {
  const source: LeadSource = {};
  const tag = (key: string) => first(params[key])?.slice(0, LEAD_LIMITS.sourceFieldMax);
  const utmSource = tag("utm_source");
  const utmMedium = tag("utm_medium");
  const utmCampaign = tag("utm_campaign");
  if (utmSource) source.utmSource = utmSource;
  if (utmMedium) source.utmMedium = utmMedium;
  if (utmCampaign) source.utmCampaign = utmCampaign;
  const referrer = webAddress(first(params.ref)) ?? webAddress(first(params.page));
  if (referrer) source.referrer = referrer;
  return Object.keys(source).length > 0 ? source : undefined;
}
