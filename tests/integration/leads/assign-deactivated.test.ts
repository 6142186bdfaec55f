/**
 * A deactivated staff account gets no new inquiries: by hand (the lead page, PATCH) or in bulk, the
 * change is refused with a field error and nothing is written; the inquiries it already holds stay
 * with it. Both databases.
 */
import { bulkUpdateLeads } from "@/lib/leads/lead-bulk";
import { updateLead } from "@/lib/leads/lead-workflow";
import { InvalidError } from "@/lib/errors";
import { createStaffUser, deactivateStaffUser } from "@/lib/staff/users";
import { storeLead } from "@/tests/support/staff-leads";
import { forEachProvider } from "@/tests/support/test-db";

forEachProvider("assigning to a deactivated account", (t) => {
  it("is refused by hand and in bulk; what the account already holds stays", async () => {
    const admin = await createStaffUser(t.db, { email: "admin-assign@clinic.test", password: "correct horse battery staple", role: "admin" });
    const gone = await createStaffUser(t.db, { email: "gone@clinic.test", password: "correct horse battery staple", role: "front_desk" });
    const held = await storeLead(t.db);
    const fresh = await storeLead(t.db);
    await updateLead(t.db, admin.id, held, { assigneeId: gone.id });
    await deactivateStaffUser(t.db, admin.id, gone.id);

    const byHand = await updateLead(t.db, admin.id, fresh, { assigneeId: gone.id }).catch((e: unknown) => e);
    expect(byHand).toBeInstanceOf(InvalidError);
    expect((byHand as InvalidError).fields.get("assigneeId")).toBe("Deactivated account.");

    const inBulk = await bulkUpdateLeads(t.db, admin.id, { ids: [fresh], assigneeId: gone.id }).catch((e: unknown) => e);
    expect(inBulk).toBeInstanceOf(InvalidError);
    expect((inBulk as InvalidError).message).toMatch(/deactivated/);

    const rows = await t.db.lead.findMany({ where: { id: { in: [held, fresh] } }, select: { id: true, assigneeId: true, version: true } });
    expect(rows.find((r) => r.id === fresh)).toMatchObject({ assigneeId: null, version: 1 });
    expect(rows.find((r) => r.id === held)?.assigneeId).toBe(gone.id);
  });
});
