/**
 * A strict RFC 4180 reader for the integration tests of the CSV exports (quoted fields, doubled
 * quotes, CRLF after every row, the last one too): what a spreadsheet would read. Throws where the
 * text does not end with CRLF. A leading byte-order mark is the caller's to strip.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === "") quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += ch;
  }
  if (field !== "" || row.length > 0) throw new Error("CSV does not end with CRLF");
  return rows;
}
