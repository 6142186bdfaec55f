import { GET as listRoute } from "@/app/api/v1/leads/route";
import { GET as getRoute } from "@/app/api/v1/leads/[id]/route";
import { GET as exportRoute } from "@/app/api/v1/leads/export.csv/route";
import { leadDetailResponseSchema, leadPageResponseSchema } from "@/lib/leads/lead-responses";
import { REFERENCE_PATTERN } from "@/lib/leads/reference";
import { ctx, staffRequest, storeLead } from "@/tests/support/staff-leads";
import { staffFixture } from "@/tests/support/staff-fixture";
import { forEachProvider } from "@/tests/support/test-db";

/*
 * The patient's reference (SMP-XXXX-NN) reaches the staff: on every lead item and the lead's own
 * page data, and the search finds it however the patient reads it out on the phone.
 */
forEachProvider("lead reference for the staff", (t) => {
  const fixture = staffFixture(t);

  it("lists and shows the reference, and q= finds it as written, in lower case, with spaces or without dashes", async () => {
    const id = await storeLead(t.db, { contact: { lastName: "Referenced" } });
    const other = await storeLead(t.db, { contact: { lastName: "Bystander" } });
    const stored = await t.db.lead.findUniqueOrThrow({ where: { id }, select: { reference: true } });
    const reference = stored.reference ?? "";
    expect(reference).toMatch(REFERENCE_PATTERN);
    const code = reference.slice(4, 8);
    const digits = reference.slice(9);

    const search = async (q: string) => {
      const response = await listRoute(staffRequest(`/api/v1/leads?limit=100&q=${encodeURIComponent(q)}`, fixture.front.headers));
      expect(response.status).toBe(200);
      return leadPageResponseSchema.parse(await response.json()).items;
    };
    for (const q of [reference, reference.toLowerCase(), `SMP ${code} ${digits}`, `smp${code.toLowerCase()}${digits}`, ` ${reference} `, `${code}-${digits}`]) {
      const items = await search(q);
      expect(items.map((item) => item.id), `q=${JSON.stringify(q)}`).toEqual([id]);
      expect(items[0]?.reference).toBe(reference);
    }
    expect((await search("Bystander")).map((item) => item.id)).toEqual([other]);

    const detail = await getRoute(staffRequest(`/api/v1/leads/${id}`, fixture.front.headers), ctx(id));
    expect(detail.status).toBe(200);
    expect(leadDetailResponseSchema.parse(await detail.json()).reference).toBe(reference);

    // The admin's export carries it in its own column.
    const csv = await (await exportRoute(staffRequest(`/api/v1/leads/export.csv?q=${encodeURIComponent(reference)}`, fixture.admin.headers))).text();
    const [header, row] = csv.trim().split(/\r?\n/);
    const column = (header ?? "").split(",").indexOf("reference");
    expect(column).toBeGreaterThan(-1);
    expect((row ?? "").split(",")[column]).toBe(reference);
  });
});
