/**
 * Every patient-written field (and staff notes) rendered in the staff detail screen stays text:
 * no script element, no event-handler attribute, no injected markup; the payload shows escaped.
 */
import { render } from "@testing-library/react";
import { renderToString } from "react-dom/server";

import { LeadDetailView } from "@/components/staff/LeadDetailView";
import type { LeadDetail } from "@/lib/leads/lead-detail";
import { IDLE } from "@/lib/workspace/action-state";
import { buildLeadDetail } from "@/tests/support/lead-detail-builders";

const PAYLOADS = [
  "<script>window.__pwned = 1</script>",
  '"><img src=x onerror="window.__pwned=2">',
  "<svg/onload=alert(1)>",
  "javascript:alert(1)",
  "</textarea><iframe src=//evil.example></iframe>",
  "{{constructor.constructor('alert(1)')()}}",
];

function hostileLead(payload: string): LeadDetail {
  const now = new Date("2026-11-20T18:00:00Z").toISOString();
  return buildLeadDetail(payload, {
    reference: "SMP-7KQ2-94",
    events: [
      { id: "e1", type: "status_changed", createdAt: now, actor: { id: "u1", name: payload }, data: { from: "contacted", to: "not_proceeding", reason: payload } },
      { id: "e2", type: payload, createdAt: now, actor: null, data: null },
    ],
  });
}

const noop = async () => IDLE;

describe.each(PAYLOADS)("staff lead detail with payload %j", (payload) => {
  it("renders the payload as text in the DOM (no script, no handlers, no injected elements)", () => {
    const { container } = render(<LeadDetailView lead={hostileLead(payload)} staff={[{ id: "u1", name: payload }]} action={noop} />);
    expect(container.querySelector("script, iframe, img, svg[onload]")).toBeNull();
    for (const el of container.querySelectorAll("*")) {
      for (const attr of el.getAttributeNames()) expect(attr.startsWith("on")).toBe(false);
    }
    expect(container.textContent).toContain(payload);
    // The patient's reference, so a caller who reads it out is found on this page.
    expect(container.querySelector("[data-reference]")?.textContent).toBe("SMP-7KQ2-94");
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
    // Links built from patient data never become javascript: URLs.
    for (const a of container.querySelectorAll("a")) expect(a.getAttribute("href") ?? "").not.toMatch(/^javascript:/i);
  });

  it("server-renders the payload escaped", () => {
    const rendered = renderToString(<LeadDetailView lead={hostileLead(payload)} staff={[]} action={noop} />);
    // React appends its own form-replay script for forms with function actions; nothing else may be a script.
    const html = rendered.replace(/<script>addEventListener\("submit",[^<]*<\/script>/, "");
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img[^>]*onerror/i);
    expect(html).not.toContain("<iframe");
    if (payload.includes("<")) expect(html).toContain("&lt;");
  });
});

describe("staff lead detail: contact and views", () => {
  it("the phone in the clinic's national format with tel: and sms: links; the views line counts people and days", () => {
    const lead = { ...hostileLead("x"), firstName: "Dana", lastName: "Reyes", phone: "+17145550142" };
    const views = { times: 5, people: 2, days: 3, lastByOther: { name: "Ana", at: "2026-11-30T17:00:00Z" } };
    const { getByRole, getByText } = render(<LeadDetailView lead={lead} staff={[]} action={noop} views={views} country="US" />);
    expect(getByRole("link", { name: "(714) 555-0142" })).toHaveAttribute("href", "tel:+17145550142");
    expect(getByRole("link", { name: "Text Dana Reyes" })).toHaveAttribute("href", "sms:+17145550142");
    expect(getByText(/^Opened 5 times by 2 people on 3 days \(this visit included\)\. Last opened by someone else: Ana, /)).toBeInTheDocument();
  });

  it("a hostile phone stays text in the national-format path too", () => {
    const { container } = render(<LeadDetailView lead={hostileLead(PAYLOADS[1] ?? "")} staff={[]} action={noop} country="US" />);
    expect(container.querySelector("img")).toBeNull();
    expect(container.textContent).toContain(PAYLOADS[1]);
  });
});
