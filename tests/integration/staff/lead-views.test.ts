/**
 * "Opened N times" counts visits, not saves. Next.js answers a server action with the page rendered
 * again in the same request (a POST); proxy.ts stamps every page request with its method
 * (REQUEST_METHOD_HEADER), and the lead page counts a view only when someone opens it (GET). Here
 * each step runs as Next.js runs it: the action, then the page's loader, with that request's headers.
 */
import { setFollowUpAction, updateLeadAction } from "@/app/staff/leads/actions";
import { REQUEST_METHOD_HEADER } from "@/lib/http/request-method";
import { IDLE } from "@/lib/workspace/action-state";
import { loadLeadPage } from "@/lib/workspace/page-loaders";
import type { SignedInStaff } from "@/tests/support/staff-auth";
import { staffFixture } from "@/tests/support/staff-fixture";
import { storeLead } from "@/tests/support/staff-leads";
import { form, request } from "@/tests/support/staff-request";
import { forEachProvider } from "@/tests/support/test-db";

vi.mock("next/headers", async () => (await import("@/tests/support/staff-request")).nextHeadersMock);
vi.mock("next/cache", async () => (await import("@/tests/support/staff-request")).nextCacheMock);

forEachProvider("lead page views", (t) => {
  const fixture = staffFixture(t, { lead: false });

  /** The next request: `who`, with the method proxy.ts writes into every page request. */
  const requestAs = (who: SignedInStaff, method: "GET" | "POST") => {
    request.headers = new Headers(who.headers);
    request.headers.set(REQUEST_METHOD_HEADER, method);
  };
  /** A person opens the inquiry (a link, the address, a reload). */
  const open = (who: SignedInStaff, id: string) => {
    requestAs(who, "GET");
    return loadLeadPage(id);
  };
  /** A form of the page is saved: the action runs, then Next.js renders the page in the same POST's response. */
  const save = async (who: SignedInStaff, id: string, action: typeof updateLeadAction, values: Record<string, string>) => {
    requestAs(who, "POST");
    expect(await action(IDLE, form({ leadId: id, ...values }))).toMatchObject({ status: "ok" });
    return loadLeadPage(id);
  };
  const viewRows = (id: string) => t.db.leadEvent.count({ where: { leadId: id, type: "viewed" } });

  it("a save adds no view and keeps the count; opening the page again adds one", async () => {
    const id = await storeLead(t.db);

    const first = await open(fixture.front, id);
    expect(first.views).toMatchObject({ times: 1, people: 1 });
    expect(await viewRows(id)).toBe(1);

    const afterStatus = await save(fixture.front, id, updateLeadAction, { version: String(first.lead.version), status: "contacted" });
    expect(afterStatus.lead.status).toBe("contacted");
    const afterNote = await save(fixture.front, id, updateLeadAction, { note: "Left a voicemail" });
    expect(afterNote.lead.notes.map((n) => n.body)).toEqual(["Left a voicemail"]);
    const afterFollowUp = await save(fixture.front, id, setFollowUpAction, { version: String(afterNote.lead.version), choice: "tomorrow" });
    expect(afterFollowUp.lead.followUpAt).not.toBeNull();

    // Three saves, each shown again: still the one visit.
    expect(afterFollowUp.views).toMatchObject({ times: 1, people: 1 });
    expect(await viewRows(id)).toBe(1);

    const again = await open(fixture.front, id);
    expect(again.views).toMatchObject({ times: 2, people: 1 });
    expect(await viewRows(id)).toBe(2);
    // The saves are on record as what they are.
    const kinds = (await t.db.leadEvent.findMany({ where: { leadId: id }, select: { type: true } })).map((e) => e.type);
    expect(kinds).toEqual(expect.arrayContaining(["status_changed", "note_added", "follow_up_set"]));
  });

  it("five visits with saves in between read 'Opened 5 times'", async () => {
    const id = await storeLead(t.db);
    let page = await open(fixture.front, id);
    for (let visit = 2; visit <= 5; visit++) {
      page = await save(fixture.front, id, updateLeadAction, { note: `Call ${visit - 1}` });
      page = await save(fixture.front, id, updateLeadAction, { version: String(page.lead.version), assigneeId: fixture.front.id });
      page = await open(fixture.front, id);
    }
    expect(page.views.times).toBe(5);
    expect(await viewRows(id)).toBe(5);
  });

  it("someone with no view of the inquiry on record who sees it in a form's response is recorded once", async () => {
    const id = await storeLead(t.db);
    await open(fixture.front, id);
    // The admin never opened it: a save posted without a visit still puts them in the audit trail.
    const shown = await save(fixture.admin, id, updateLeadAction, { note: "Checked by the admin" });
    expect(shown.views).toMatchObject({ times: 2, people: 2 });
    await save(fixture.admin, id, updateLeadAction, { note: "And again" });
    expect(await t.db.leadEvent.count({ where: { leadId: id, type: "viewed", actorId: fixture.admin.id } })).toBe(1);
  });
});
