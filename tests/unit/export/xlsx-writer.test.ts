import ExcelJS from "exceljs";
import { inflateRawSync } from "node:zlib";

import { XLSX_MAX_CELL_CHARS, XLSX_SHARED_MAX_CHARS, XLSX_SHARED_MAX_ENTRIES, type XlsxCell, XlsxSheetWriter } from "@/lib/export/xlsx-writer";

/** The whole file the writer streams: start, rows in batches, finish. */
function workbookBytes(shared: boolean, batches: readonly (readonly XlsxCell[])[][]): Buffer {
  const writer = new XlsxSheetWriter("Inquiries", [
    { header: "code", width: 12, shared },
    { header: "text", width: 12 },
    { header: "when", width: 17, shared },
    { header: "n", width: 8, shared },
  ]);
  return Buffer.concat([writer.start(), ...batches.map((rows) => writer.addRows(rows)), writer.finish()]);
}

async function cellsOf(bytes: Buffer): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(new Uint8Array(bytes).buffer);
  const sheet = workbook.getWorksheet("Inquiries");
  if (!sheet) throw new Error("no sheet");
  const rows: unknown[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v instanceof Date ? v.toISOString() : v))));
  return rows;
}

/** The text of one part of the zip (our writer: local header, deflate pieces, data descriptor). */
function part(bytes: Buffer, name: string): string {
  const at = bytes.indexOf(Buffer.from(name)) + name.length;
  return inflateRawSync(bytes.subarray(at, bytes.indexOf(Buffer.from([0x50, 0x4b, 0x07, 0x08]), at))).toString("utf8");
}

const tricky = [
  "contacted",
  "a & b <c> \"q\" 'a'",
  "  leading and trailing  ",
  "line\nbreak\ttab",
  "=SUM(A1:A2)",
  "José Ñandú 李 😀",
  "bell\u0007gone",
];

describe("XlsxSheetWriter shared strings", () => {
  it("gives the same cell values with and without the shared-string table, across batches", async () => {
    const batches: XlsxCell[][][] = [
      tricky.map((t, i) => [t, t, new Date(Date.UTC(2026, 2, 8, 1, 30 + i)), i]),
      tricky.map((t) => [t, null, null, 1.5]),
      [["", "", null, null], ["x".repeat(XLSX_SHARED_MAX_CHARS + 1), "y", null, true]],
    ];
    const inline = await cellsOf(workbookBytes(false, batches));
    const shared = await cellsOf(workbookBytes(true, batches));
    expect(shared).toEqual(inline);
    expect(shared[0]).toEqual(["code", "text", "when", "n"]);
    expect(shared[2]).toEqual(["a & b <c> \"q\" 'a'", "a & b <c> \"q\" 'a'", "2026-03-08T01:31:00.000Z", 1]);
    expect(shared[3]?.[0]).toBe("  leading and trailing  ");
    expect(shared[4]?.[0]).toBe("line\nbreak\ttab");
    expect(shared[5]?.[0]).toBe("=SUM(A1:A2)"); // text, never a formula
    expect(shared[6]?.[0]).toBe("José Ñandú 李 😀");
    expect(shared[7]?.[0]).toBe("bellgone"); // XML cannot hold the control character
    expect(shared.at(-1)?.[0]).toBe("x".repeat(XLSX_SHARED_MAX_CHARS + 1));
  });

  it("writes each repeated text once, as a shared-string cell; a text past the length bound stays inline", () => {
    const long = "z".repeat(XLSX_SHARED_MAX_CHARS + 1);
    const bytes = workbookBytes(true, [[["status_a", "t", null, null], ["status_a", "t", null, null], [long, "t", null, null], ["status_b", "t", null, null]]]);
    const sst = part(bytes, "xl/sharedStrings.xml");
    expect(sst).toContain('count="3" uniqueCount="2"');
    expect(sst.match(/<si>/g)).toHaveLength(2);
    const sheet = part(bytes, "xl/worksheets/sheet1.xml");
    expect(sheet).toContain('<c r="A2" t="s"><v>0</v></c>');
    expect(sheet).toContain('<c r="A3" t="s"><v>0</v></c>');
    expect(sheet).toContain(`<c r="A4" t="inlineStr"><is><t>${long}</t></is></c>`);
    expect(sheet).toContain('<c r="A5" t="s"><v>1</v></c>');
    expect(sheet).toContain('<c r="B2" t="inlineStr">'); // a column not marked shared
    expect(sheet).not.toContain("<f>");
  });

  it("holds at most XLSX_SHARED_MAX_ENTRIES texts: the others are written inline, with the same values", async () => {
    const rows: XlsxCell[][] = Array.from({ length: XLSX_SHARED_MAX_ENTRIES + 5 }, (_, i) => [`v${i}`, null, null, null]);
    const bytes = workbookBytes(true, [rows.slice(0, 6000), rows.slice(6000)]);
    const sst = part(bytes, "xl/sharedStrings.xml");
    expect(sst).toContain(`uniqueCount="${XLSX_SHARED_MAX_ENTRIES}"`);
    const sheet = part(bytes, "xl/worksheets/sheet1.xml");
    expect(sheet).toContain(`<c r="A${XLSX_SHARED_MAX_ENTRIES + 1}" t="s"><v>${XLSX_SHARED_MAX_ENTRIES - 1}</v></c>`);
    expect(sheet).toContain(`<c r="A${XLSX_SHARED_MAX_ENTRIES + 2}" t="inlineStr"><is><t>v${XLSX_SHARED_MAX_ENTRIES}</t></is></c>`);
    const cells = await cellsOf(bytes);
    expect(cells.slice(1).map((r) => r[0])).toEqual(rows.map((r) => r[0]));
  });

  it("cuts a text to Excel's cell limit, shared or not", async () => {
    const huge = "h".repeat(XLSX_MAX_CELL_CHARS + 10);
    const cells = await cellsOf(workbookBytes(true, [[[huge, huge, null, null]]]));
    expect((cells[1]?.[0] as string).length).toBe(XLSX_MAX_CELL_CHARS);
    expect((cells[1]?.[1] as string).length).toBe(XLSX_MAX_CELL_CHARS);
  });
});
