/**
 * The log in words (issue 22 item 7): every event kind has its sentence with the values it changed
 * (lib/audit/event-words.ts), statuses by their labels, staff by name, instants in the clinic's
 * zone with the zone named; no raw codes.
 */
import { describe, expect, it } from "vitest";

import { AUDIT_ACTION_LABELS } from "@/lib/audit/audit-query";
import { describeEvent, EVENT_WORDS, type WordsContext } from "@/lib/audit/event-words";

const ctx: WordsContext = { staffName: (id) => ({ u1: "Ana Front", u2: "Bea Admin" })[id] ?? "a former staff member", timeZone: "America/Los_Angeles" };

describe("the log in words", () => {
  it("has words for every kind the audit log can hold (the same keys as the action labels)", () => {
    expect(Object.keys(EVENT_WORDS).sort()).toEqual(Object.keys(AUDIT_ACTION_LABELS).sort());
    for (const kind of Object.keys(EVENT_WORDS)) {
      const text = describeEvent(kind, {}, ctx);
      // A sentence, not a code: no snake_case, a capital first letter.
      expect(text, kind).not.toMatch(/[a-z]_[a-z]/);
      expect(text, kind).toMatch(/^[A-Z]/);
    }
  });

  it("status changes name both statuses by their labels, and the reason", () => {
    expect(describeEvent("status_changed", { from: "new", to: "not_proceeding", reason: "Chose another clinic" }, ctx)).toBe(
      "Status changed from “New” to “Not proceeding” (reason: Chose another clinic)",
    );
    expect(describeEvent("status_changed", { from: "contacted", to: "consultation_booked", by: "system" }, ctx)).toBe(
      "Status changed from “Contacted” to “Consultation booked” (automatically, when a consultation was booked)",
    );
    expect(describeEvent("status_changed", { from: "consultation_booked", to: "became_patient", amountUsd: 3200 }, ctx)).toBe(
      "Status changed from “Consultation booked” to “Became a patient” (treatment amount agreed: $3,200)",
    );
    expect(describeEvent("status_changed", { from: "became_patient", to: "became_patient", amountUsd: 3900 }, ctx)).toBe("Treatment amount agreed changed to $3,900");
  });

  it("bulk changes say what changed, with names", () => {
    expect(describeEvent("bulk_changed", { status: { from: "new", to: "not_proceeding" }, assignee: { from: null, to: "u1" } }, ctx)).toBe(
      "Bulk change: status from “New” to “Not proceeding”; assigned to Ana Front (before: nobody)",
    );
  });

  it("follow-ups carry their date and time in the clinic's zone; a cleared one says so and why", () => {
    expect(describeEvent("follow_up_set", { at: "2026-12-09T17:00:00.000Z", from: null }, ctx)).toBe("Follow-up set for Wed, Dec 9, 2026, 9:00 AM PST");
    expect(describeEvent("follow_up_set", { at: "2026-12-10T01:30:00.000Z", from: "2026-12-09T17:00:00.000Z" }, ctx)).toBe(
      "Follow-up set for Wed, Dec 9, 2026, 5:30 PM PST (was Wed, Dec 9, 2026, 9:00 AM PST)",
    );
    expect(describeEvent("follow_up_cleared", { from: "2026-12-09T17:00:00.000Z", status: "became_patient" }, ctx)).toBe(
      "Follow-up cleared (was Wed, Dec 9, 2026, 9:00 AM PST; because the status became “Became a patient”)",
    );
    // Rows written before follow_up_cleared existed: an empty "set" is a clearing.
    expect(describeEvent("follow_up_set", { at: null }, ctx)).toBe("Follow-up cleared");
    expect(describeEvent("follow_up_set", { at: "2026-12-09T17:00:00.000Z" }, { ...ctx, timeZone: "Europe/Madrid" })).toBe("Follow-up set for Wed, Dec 9, 2026, 6:00 PM GMT+1");
  });

  it("assignments, escalations, consultations and staff changes in words", () => {
    expect(describeEvent("assigned", { from: "u2", to: "u1" }, ctx)).toBe("Assigned to Ana Front (before: Bea Admin)");
    expect(describeEvent("assigned", { from: "u1", to: null }, ctx)).toBe("Unassigned (before: Ana Front)");
    expect(describeEvent("assigned", { from: null, to: "u9", by: "auto_assign", mode: "least_open" }, ctx)).toBe(
      "Assigned to a former staff member (before: nobody; automatically, fewest open inquiries)",
    );
    expect(describeEvent("escalated", { waitingMinutes: 75, replyTargetMinutes: 15, channels: ["email"] }, ctx)).toBe(
      "Reply-time alert sent (still new after 1 h 15 min of opening hours; target 15 min; by email)",
    );
    expect(describeEvent("consultation_moved", { startsAt: "2026-12-10T18:00:00.000Z", previousStartsAt: "2026-12-09T18:00:00.000Z", type: "video", consultantId: "u2" }, ctx)).toBe(
      "Consultation moved for Thu, Dec 10, 2026, 10:00 AM PST (Video call; with Bea Admin; was Wed, Dec 9, 2026, 10:00 AM PST)",
    );
    expect(describeEvent("staff_role_changed", { userId: "u1", from: "front_desk", to: "admin" }, ctx)).toBe("Changed Ana Front's role from Front desk to Admin");
    expect(describeEvent("exported", { format: "csv", status: "contacted", search: true, from: "2026-11-01" }, ctx)).toBe(
      "Exported inquiries as CSV (status “Contacted”; with a search; from 2026-11-01)",
    );
  });

  it("an unknown kind (an old row) reads as words, not a crash", () => {
    expect(describeEvent("linked", { relatedLeadId: "x" }, ctx)).toBe("Linked to an earlier inquiry");
    expect(describeEvent("call_made_up", {}, ctx)).toBe("Call made up");
    expect(describeEvent("status_changed", "not an object", ctx)).toBe("Status changed from an unknown status to an unknown status");
  });
});
