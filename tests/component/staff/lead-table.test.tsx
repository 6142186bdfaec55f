/**
 * The inbox table after condensing it for 1280 px and phones: every fact of an inquiry is still
 * there, in cells whose headers say what they hold (screen readers read the headers; the phone card
 * hides them visually only), the name link stays the row's first link, the status cell ends with the
 * waiting state, and the assigned cell holds only the name.
 */
import { render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { LeadTable } from "@/components/staff/LeadTable";
import type { LeadSummary } from "@/lib/leads/staff-inbox";

const lead: LeadSummary = {
  id: "clead0000000000000000000001",
  createdAt: "2026-11-20T17:00:00.000Z",
  status: "new",
  closedReason: null,
  eligibility: "eligible_with_conditions",
  flags: ["SCAR_REDUCED_RESPONSE"],
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
  price: { minUsd: 2400, maxUsd: 3200, estimate: true, basis: "table", tableVersion: 1 },
  assignee: { id: "u1", name: "Ana Admin" },
  relatedLeadId: "clead0000000000000000000000",
  version: 2,
  firstContactedAt: null,
  followUpAt: "2026-11-21T17:00:00.000Z",
  followUpNote: "Call back about the price",
  waitingMinutes: 200,
  replyState: "overdue",
  mergedIntoId: null,
  photoCount: 0,
  confirmedResult: null,
  assessedAt: null,
  consultation: null,
  callbackPreference: null,
  calls: { attempts: 0, lastOutcome: null, lastAt: null },
};

describe("inbox lead table", () => {
  it("call first: eight meaningful headers, every fact in its cell, the name first, the waiting state last in the status cell", () => {
    render(<LeadTable leads={[lead]} caption="New, eligible" country="US" replyTargetMinutes={15} timeZone="America/Los_Angeles" showReason bulkFormId="bulk" />);
    const table = screen.getByRole("table", { name: "New, eligible" });
    expect(within(table).getAllByRole("columnheader").map((h) => h.textContent)).toEqual([
      "Select",
      "Name and contact",
      "Status, waiting",
      "Why here",
      "Eligibility and flags",
      "Hair loss · age · goal, quote",
      "Follow-up, received",
      "Assigned",
    ]);
    const row = within(table).getAllByRole("row")[1] as HTMLElement;
    expect(within(row).getByRole("checkbox", { name: "Select Dana Reyes" })).toBeInTheDocument();
    const header = within(row).getByRole("rowheader");
    expect(within(header).getAllByRole("link")[0]).toHaveAccessibleName("Dana Reyes");
    expect(header).toHaveTextContent("SMP-7KQ2-94");
    expect(within(header).getByRole("link", { name: "(714) 555-0142" })).toHaveAttribute("href", "tel:+17145550142");
    expect(within(header).getByRole("link", { name: "Text Dana Reyes" })).toHaveAttribute("href", "sms:+17145550142");
    expect(header).toHaveTextContent("prefers Text message");
    expect(header).toHaveTextContent("Asked before");
    const cells = within(row).getAllByRole("cell").map((c) => c.textContent ?? "");
    // [checkbox, status, why, eligibility, case, when, assigned]
    expect(cells[1]).toMatch(/^New3 h 20 min · overdue$/);
    expect(cells[2]).toMatch(/^Overdue: waiting 3 h 20 min/);
    expect(cells[3]).toContain("Eligible with conditions");
    expect(within(row).getByRole("list", { name: "Flags" })).toHaveTextContent(/\S/);
    expect(cells[4]).toMatch(/Norwood 6 · 42 · .*\$2,400 – \$3,200 \(estimate\)/);
    expect(cells[5]).toMatch(/^Follow-up .*Call back about the price.*Received /);
    expect(within(row).getAllByRole("cell")[6]).toHaveAccessibleName("Ana Admin");
  });

  it("call first, a person who asked before: \"+N earlier\" instead of \"Asked before\", a disclosure listing the earlier inquiries with links", () => {
    const earlier = {
      count: 12,
      items: Array.from({ length: 10 }, (_, i) => ({ id: `cearlier${i}`, reference: `SMP-000${i}-1${i}`, createdAt: `2026-11-${String(19 - i).padStart(2, "0")}T17:00:00.000Z`, status: i === 0 ? ("new" as const) : ("contacted" as const) })),
    };
    render(<LeadTable leads={[{ ...lead, earlier }]} caption="New, eligible" country="US" replyTargetMinutes={15} timeZone="America/Los_Angeles" showReason />);
    const header = screen.getByRole("rowheader");
    expect(header).not.toHaveTextContent("Asked before");
    const summary = header.querySelector("details > summary");
    expect(summary).toHaveTextContent("+12 earlier inquiries from Dana Reyes");
    const list = within(header).getByRole("list", { name: "Earlier inquiries from Dana Reyes" });
    const links = within(list).getAllByRole("link");
    expect(links.map((a) => a.getAttribute("href"))).toEqual(earlier.items.map((e) => `/staff/leads/${e.id}`));
    expect(links[0]).toHaveTextContent("SMP-0000-10");
    expect(within(list).getAllByRole("listitem")[0]).toHaveTextContent(/SMP-0000-10 · .*19.* · New/);
    expect(within(list).getAllByRole("listitem")[1]).toHaveTextContent(/· Contacted$/);
    expect(header).toHaveTextContent("and 2 older, linked from the oldest one above");
  });

  it("all inquiries, nothing to select: no select or why-here column; a contacted inquiry shows its status without a waiting time", () => {
    render(
      <LeadTable
        leads={[{ ...lead, status: "contacted", waitingMinutes: null, replyState: null, assignee: null, followUpAt: null, followUpNote: null, flags: [] }]}
        caption="Inquiries"
        country="US"
        replyTargetMinutes={15}
      />,
    );
    const table = screen.getByRole("table", { name: "Inquiries" });
    expect(within(table).getAllByRole("columnheader")).toHaveLength(6);
    const cells = within(table).getAllByRole("cell").map((c) => c.textContent);
    expect(cells[0]).toBe("Contacted");
    expect(cells[1]).toContain("No flags");
    expect(cells[3]).toMatch(/^Received /);
    expect(within(table).getAllByRole("cell")[4]).toHaveAccessibleName("Nobody");
  });
});
