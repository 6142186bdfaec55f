import "server-only";

import { constants, crc32, deflateRawSync } from "node:zlib";

/**
 * A streaming writer of a one-sheet XLSX workbook (Office Open XML, ECMA-376), for the exports
 * (docs/decisions/014-admin-exports-erasure-retention.md). Why our own: exceljs's streaming
 * WorkbookWriter builds a model object per cell and needed about 20 s for 100,000 rows of 43
 * columns; the target is 3 s. The format we write is small and fixed:
 *
 * - cells are typed: text as inline strings (`t="inlineStr"`), numbers as numbers, booleans as
 *   booleans, dates as date serials with a date format. No cell is ever a formula (`<f>` is never
 *   written), so text is kept exactly as typed. Columns whose values repeat (a status, a code) may
 *   be marked `shared`: their texts go once into a BOUNDED shared-string table (at most
 *   XLSX_SHARED_MAX_ENTRIES texts of at most XLSX_SHARED_MAX_CHARS characters; any other text of
 *   theirs is written inline), written after the sheet: the same cell values in about a third
 *   fewer bytes to build, check and compress.
 * - the zip is written as it goes: each part is one deflate stream made of independently
 *   compressed, sync-flushed pieces (one per batch of rows) closed by a final empty block, with
 *   its CRC-32 and sizes in a data descriptor after it (general purpose flag bit 3), then the
 *   central directory. Memory holds one batch, whatever the row count.
 *
 * Each method returns the bytes to send next; the caller streams them (see lib/leads/lead-export.ts).
 */

export const XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** A Date is written as a date cell formatted "yyyy-mm-dd hh:mm" showing its UTC fields (pass wall-clock dates). */
export type XlsxCell = string | number | boolean | Date | null;

export interface XlsxColumn {
  header: string;
  width: number;
  /** Its texts repeat (a status, a code): kept once in the shared-string table, within its bounds. */
  shared?: boolean;
}

/** Excel's limit of characters per cell; a longer text is cut (it would make the file unreadable). */
export const XLSX_MAX_CELL_CHARS = 32_767;
/** Excel's limit of rows per sheet, the header included. */
export const XLSX_MAX_ROWS = 1_048_576;

/** Texts held in the shared-string table at most, and their longest (memory stays bounded at any row count). */
export const XLSX_SHARED_MAX_ENTRIES = 10_000;
export const XLSX_SHARED_MAX_CHARS = 200;

/** Fast deflate: the sheet XML is repetitive, level 1 already packs it about 7:1 at a fraction of the time of 6. */
const DEFLATE_LEVEL = 1;
const DAY_MS = 86_400_000;
/** 1970-01-01 as an Excel date serial (1900 date system). */
const EPOCH_SERIAL = 25_569;

const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships";
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** Style indexes of cellXfs below. */
const STYLE_DATE = 1;
const STYLE_HEADER = 2;

const STATIC_PARTS = (sheetName: string): [string, string][] => [
  [
    "[Content_Types].xml",
    `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
      '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
      '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' +
      "</Types>",
  ],
  [
    "_rels/.rels",
    `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  ],
  [
    "xl/workbook.xml",
    `${XML_HEAD}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheets><sheet name="${escapeXml(sheetName)}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
  ],
  [
    "xl/_rels/workbook.xml.rels",
    `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}">` +
      `<Relationship Id="rId1" Type="${REL_NS}/worksheet" Target="worksheets/sheet1.xml"/>` +
      `<Relationship Id="rId2" Type="${REL_NS}/styles" Target="styles.xml"/>` +
      `<Relationship Id="rId3" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
  ],
  [
    "xl/styles.xml",
    `${XML_HEAD}<styleSheet xmlns="${MAIN_NS}">` +
      '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd hh:mm"/></numFmts>' +
      '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
      '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
      '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
      '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
      '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>' +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      "</styleSheet>",
  ],
];

const XML_SPECIAL = /[&<>]/g;
const XML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;" };
/** Characters XML 1.0 cannot hold at all: C0 controls other than tab/LF/CR, lone surrogates, U+FFFE/U+FFFF. */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const NEEDS_PRESERVE = /^\s|\s$|[\t\n\r]/;

const NEEDS_ESCAPE = /[&<>\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

function escapeXml(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text; // most cells: nothing to do, nothing allocated
  return text.replace(NOT_XML, "").replace(XML_SPECIAL, (c) => XML_ESCAPES[c] ?? c);
}

/** A1-style column letters (0 -> A, 26 -> AA). */
function columnLetters(index: number): string {
  let n = index + 1;
  let out = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** The `<t>` element of a text: cut to Excel's limit, escaped, spaces kept where XML would drop them. */
function textElement(text: string): string {
  const value = escapeXml(text.length > XLSX_MAX_CELL_CHARS ? text.slice(0, XLSX_MAX_CELL_CHARS) : text);
  return NEEDS_PRESERVE.test(value) ? `<t xml:space="preserve">${value}</t>` : `<t>${value}</t>`;
}

function inlineString(ref: string, text: string, style = ""): string {
  return `<c r="${ref}"${style} t="inlineStr"><is>${textElement(text)}</is></c>`;
}

/** A cell of the sheet (`ref` is the column's letters and the row's number), "" for an empty one. */
function cellXml(ref: string, value: XlsxCell): string {
  if (value === null) return "";
  if (typeof value === "string") return value === "" ? "" : `<c r="${ref}" t="inlineStr"><is>${textElement(value)}</is></c>`;
  if (typeof value === "number") return Number.isFinite(value) ? `<c r="${ref}"><v>${value}</v></c>` : "";
  if (typeof value === "boolean") return `<c r="${ref}" t="b"><v>${value ? 1 : 0}</v></c>`;
  const ms = value.getTime();
  if (Number.isNaN(ms)) return "";
  // The date's UTC fields are the reading shown (the caller passes wall-clock dates).
  return `<c r="${ref}" s="${STYLE_DATE}"><v>${ms / DAY_MS + EPOCH_SERIAL}</v></c>`;
}

/** DOS time and date of `now` (the zip entries' modification stamp). */
function dosStamp(now: Date): { time: number; date: number } {
  return {
    time: (now.getUTCHours() << 11) | (now.getUTCMinutes() << 5) | Math.floor(now.getUTCSeconds() / 2),
    date: ((Math.max(1980, now.getUTCFullYear()) - 1980) << 9) | ((now.getUTCMonth() + 1) << 5) | now.getUTCDate(),
  };
}

interface ZipEntry {
  name: Buffer;
  offset: number;
  crc: number;
  compressed: number;
  size: number;
}

/** A zip archive written entry by entry, each entry deflated piece by piece (no seeking back). */
class ZipStream {
  private offset = 0;
  private readonly entries: ZipEntry[] = [];
  private current: ZipEntry | null = null;
  private readonly stamp = dosStamp(new Date());

  private emit(buffers: Buffer[]): Buffer {
    const out = Buffer.concat(buffers);
    this.offset += out.length;
    return out;
  }

  begin(name: string): Buffer {
    const entry: ZipEntry = { name: Buffer.from(name, "utf8"), offset: this.offset, crc: 0, compressed: 0, size: 0 };
    this.current = entry;
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
    header.writeUInt16LE(0x0808, 6); // sizes in a data descriptor; UTF-8 names
    header.writeUInt16LE(8, 8); // deflate
    header.writeUInt16LE(this.stamp.time, 10);
    header.writeUInt16LE(this.stamp.date, 12);
    // crc, sizes: 0 here, in the data descriptor
    header.writeUInt16LE(entry.name.length, 26);
    header.writeUInt16LE(0, 28);
    return this.emit([header, entry.name]);
  }

  /** The next piece of the current entry: compressed on its own, sync-flushed (not final). */
  write(text: string): Buffer {
    const entry = this.current;
    if (!entry) throw new Error("zip: no entry begun");
    if (text === "") return Buffer.alloc(0);
    const raw = Buffer.from(text, "utf8");
    entry.crc = crc32(raw, entry.crc);
    entry.size += raw.length;
    const packed = deflateRawSync(raw, { level: DEFLATE_LEVEL, finishFlush: constants.Z_SYNC_FLUSH });
    entry.compressed += packed.length;
    return this.emit([packed]);
  }

  end(): Buffer {
    const entry = this.current;
    if (!entry) throw new Error("zip: no entry begun");
    const last = deflateRawSync(Buffer.alloc(0), { level: DEFLATE_LEVEL }); // the final (empty) block
    entry.compressed += last.length;
    if (entry.size > 0xffffffff || this.offset + last.length + 16 > 0xffffffff) throw new Error("zip: entry too large (no ZIP64)");
    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(entry.crc >>> 0, 4);
    descriptor.writeUInt32LE(entry.compressed, 8);
    descriptor.writeUInt32LE(entry.size, 12);
    this.entries.push(entry);
    this.current = null;
    return this.emit([last, descriptor]);
  }

  /** The central directory and its end record. */
  finish(): Buffer {
    const start = this.offset;
    const records: Buffer[] = [];
    for (const entry of this.entries) {
      const record = Buffer.alloc(46);
      record.writeUInt32LE(0x02014b50, 0);
      record.writeUInt16LE(20, 4); // made by: 2.0, MS-DOS attributes
      record.writeUInt16LE(20, 6);
      record.writeUInt16LE(0x0808, 8);
      record.writeUInt16LE(8, 10);
      record.writeUInt16LE(this.stamp.time, 12);
      record.writeUInt16LE(this.stamp.date, 14);
      record.writeUInt32LE(entry.crc >>> 0, 16);
      record.writeUInt32LE(entry.compressed, 20);
      record.writeUInt32LE(entry.size, 24);
      record.writeUInt16LE(entry.name.length, 28);
      // extra, comment, disk, internal and external attributes: 0
      record.writeUInt32LE(entry.offset, 42);
      records.push(record, entry.name);
    }
    const directory = Buffer.concat(records);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.entries.length, 8);
    end.writeUInt16LE(this.entries.length, 10);
    end.writeUInt32LE(directory.length, 12);
    end.writeUInt32LE(start, 16);
    return this.emit([directory, end]);
  }
}

/**
 * One sheet, its header row in bold and frozen, then `addRows` per batch, then `finish`. Every
 * method returns the next bytes of the file.
 */
export class XlsxSheetWriter {
  private readonly zip = new ZipStream();
  private readonly refs: string[];
  private readonly shared: boolean[];
  /** Shared text -> its index in the table; the table's `<si>` elements in order. */
  private readonly sharedIndex = new Map<string, number>();
  private readonly sharedItems: string[] = [];
  private sharedCount = 0;
  private rowNumber = 1;

  constructor(
    private readonly sheetName: string,
    private readonly columns: readonly XlsxColumn[],
  ) {
    this.refs = columns.map((_, i) => columnLetters(i));
    this.shared = columns.map((c) => c.shared === true);
  }

  /** The static parts and the start of the sheet with its header row. */
  start(): Buffer {
    const parts: Buffer[] = [];
    for (const [name, xml] of STATIC_PARTS(this.sheetName)) parts.push(this.zip.begin(name), this.zip.write(xml), this.zip.end());
    const cols = this.columns.map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.width}" customWidth="1"/>`).join("");
    const header = this.columns.map((c, i) => inlineString(`${this.refs[i]}1`, c.header, ` s="${STYLE_HEADER}"`)).join("");
    parts.push(
      this.zip.begin("xl/worksheets/sheet1.xml"),
      this.zip.write(
        `${XML_HEAD}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">` +
          '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>' +
          `<sheetFormatPr defaultRowHeight="15"/><cols>${cols}</cols><sheetData><row r="1">${header}</row>`,
      ),
    );
    return Buffer.concat(parts);
  }

  /** The index of `text` in the shared-string table, added if there is room; -1: write it inline. */
  private sharedIndexOf(text: string): number {
    const known = this.sharedIndex.get(text);
    if (known !== undefined) return known;
    if (this.sharedItems.length >= XLSX_SHARED_MAX_ENTRIES || text.length > XLSX_SHARED_MAX_CHARS) return -1;
    const index = this.sharedItems.length;
    this.sharedItems.push(`<si>${textElement(text)}</si>`);
    this.sharedIndex.set(text, index);
    return index;
  }

  addRows(rows: readonly (readonly XlsxCell[])[]): Buffer {
    if (this.rowNumber + rows.length > XLSX_MAX_ROWS) throw new RangeError(`An XLSX sheet holds at most ${XLSX_MAX_ROWS - 1} rows.`);
    const { refs, shared } = this;
    let xml = "";
    for (const row of rows) {
      const r = String(++this.rowNumber);
      let cells = "";
      for (let i = 0; i < row.length; i++) {
        const value = row[i] ?? null;
        if (typeof value === "string" && shared[i] === true && value !== "") {
          const index = this.sharedIndexOf(value);
          if (index >= 0) {
            this.sharedCount++;
            cells += `<c r="${refs[i]}${r}" t="s"><v>${index}</v></c>`;
            continue;
          }
        }
        cells += cellXml(`${refs[i]}${r}`, value);
      }
      xml += `<row r="${r}">${cells}</row>`;
    }
    return this.zip.write(xml);
  }

  /** The end of the sheet, the shared-string table, the zip's directory. */
  finish(): Buffer {
    const parts = [this.zip.write("</sheetData></worksheet>"), this.zip.end(), this.zip.begin("xl/sharedStrings.xml")];
    parts.push(this.zip.write(`${XML_HEAD}<sst xmlns="${MAIN_NS}" count="${this.sharedCount}" uniqueCount="${this.sharedItems.length}">`));
    for (let i = 0; i < this.sharedItems.length; i += 1000) parts.push(this.zip.write(this.sharedItems.slice(i, i + 1000).join("")));
    parts.push(this.zip.write("</sst>"), this.zip.end(), this.zip.finish());
    return Buffer.concat(parts);
  }
}
