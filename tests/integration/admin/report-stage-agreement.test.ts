/**
 * The dashboard's self-assessed vs confirmed stage (lib/reports/summary-stages.ts, issue 21) on both
 * databases: per the stage the patient chose, the period's inquiries assessed from photos and how
 * many the staff confirmed at the same stage; unassessed, merged and other periods' inquiries left out.
 * The same rows in GET /api/v1/reports/summary ("stageAgreement"; the response is validated against
 * the served OpenAPI document by the integration set-up).
 */
import { GET as summaryRoute } from "@/app/api/v1/reports/summary/route";
import { closeDb } from "@/lib/db/client";
import { confirmAssessment } from "@/lib/photos/assessment";
import { stageAgreement } from "@/lib/reports/summary-stages";
import { createSignedInStaff, type SignedInStaff } from "@/tests/support/staff-auth";
import { staffRequest, storeLead } from "@/tests/support/staff-leads";
import { forEachProvider } from "@/tests/support/test-db";

forEachProvider("report: self-assessed vs confirmed stage", (t) => {
  let admin: SignedInStaff;
  beforeAll(async () => {
    process.env.DATABASE_URL = t.url;
    admin = await createSignedInStaff(t.db, "admin");
    const at = (day: number) => new Date(Date.UTC(2026, 9, day, 18));
    const norwood = (stage: string, day = 5) => storeLead(t.db, { now: at(day), answers: { lossPattern: "norwood", norwoodStage: stage as "3" } });
    const ludwig = (stage: string) => storeLead(t.db, { now: at(6), answers: { lossPattern: "diffuse_thinning", norwoodStage: undefined, ludwigStage: stage as "II" } });
    const confirm = (leadId: string, input: { norwoodStage?: "3" | "4" | "5"; ludwigStage?: "II" | "III" }) => confirmAssessment(t.db, admin.id, leadId, { ...input, scars: [] });

    await confirm(await norwood("3"), { norwoodStage: "3" });
    await confirm(await norwood("3"), { norwoodStage: "3" });
    await confirm(await norwood("3"), { norwoodStage: "4" });
    await confirm(await norwood("unknown"), { norwoodStage: "5" });
    await confirm(await ludwig("II"), { ludwigStage: "III" });
    await norwood("3"); // photos, not assessed: not counted
    const merged = await norwood("3");
    await confirm(merged, { norwoodStage: "3" });
    await t.db.lead.update({ where: { id: merged }, data: { mergedIntoId: merged } });
    await confirm(await norwood("4", 20), { norwoodStage: "4" }); // outside the period
  });
  afterAll(async () => {
    await closeDb();
  });

  it("counts per patient stage, in the scale's order, within the period", async () => {
    const rows = await stageAgreement(t.db, { from: "2026-10-01", to: "2026-10-10" });
    expect(rows).toEqual([
      { scale: "norwood", stage: "3", assessed: 3, matched: 2 },
      { scale: "norwood", stage: "unknown", assessed: 1, matched: 0 },
      { scale: "ludwig", stage: "II", assessed: 1, matched: 0 },
    ]);
    expect(await stageAgreement(t.db, { from: "2026-10-15", to: "2026-10-31" })).toEqual([{ scale: "norwood", stage: "4", assessed: 1, matched: 1 }]);
    expect(await stageAgreement(t.db, { from: "2026-11-01", to: "2026-11-30" })).toEqual([]);
  });

  it("GET /api/v1/reports/summary answers the same rows as stageAgreement", async () => {
    const get = (query: string) => summaryRoute(staffRequest(`/api/v1/reports/summary${query}`, admin.headers));
    const res = await get("?from=2026-10-01&to=2026-10-10");
    expect(res.status).toBe(200);
    expect((await res.json()).stageAgreement).toEqual([
      { scale: "norwood", stage: "3", assessed: 3, matched: 2 },
      { scale: "norwood", stage: "unknown", assessed: 1, matched: 0 },
      { scale: "ludwig", stage: "II", assessed: 1, matched: 0 },
    ]);
    expect((await (await get("?from=2026-11-01&to=2026-11-30")).json()).stageAgreement).toEqual([]);
  });
});
