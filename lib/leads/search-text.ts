/**
 * How the staff search compares text: THE one home of it (docs/decisions/009-staff-workspace.md,
 * "Accent- and case-insensitive search", issue 22). The same fold is applied to the text stored in
 * Lead.searchText when an inquiry is written (leadSearchText) and to the term a staff member types
 * (lib/leads/staff-inbox.ts searchMatch), so "Hernandez" finds "Hernández", "hernández" finds
 * "Hernandez" and "Rodriguez" finds "José Rodríguez", on SQLite and PostgreSQL alike: both databases
 * compare folded text with folded text (LIKE, FTS5 trigram, pg_trgm), none has to know about accents.
 *
 * The fold: lower-case, Unicode NFD (a letter and its accents apart), drop the combining marks
 * U+0300-U+036F, map the few Latin letters whose stroke is not a combining mark (đ ł ø ı, as in
 * Vietnamese "Đặng"), then NFC again (so scripts NFD splits, such as Hangul, are stored whole).
 * "ñ" folds to "n" too: a search for "pena" finds "Peña", as a front desk typing on an English
 * keyboard expects.
 *
 * Stored rows written before this fold are folded by migration 20261208010749_search_text_fold:
 * on PostgreSQL in SQL (normalize + regexp_replace + translate, the same steps); on SQLite, which has
 * no Unicode normalisation, by calling smp_search_fold(), a SQL function the migrator
 * (lib/db/migrate.ts) registers from foldForSearch below. Anything that writes searchText (a new
 * inquiry, a staff entry, a correction of contact details) calls leadSearchText, nothing else.
 *
 * Pure and dependency-free (the migrator imports it).
 */

const COMBINING_MARKS = /[\u0300-\u036f]/g;
/** Letters NFD does not split whose plain form a search should match: lower-case only (the fold lower-cases first). */
const STROKED: Readonly<Record<string, string>> = { "đ": "d", "ł": "l", "ø": "o", "ı": "i" };
const STROKED_PATTERN = /[đłøı]/g;

/** The folded form of `text`: what searchText stores and what a search term is compared as. */
export function foldForSearch(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFD")
    .replace(COMBINING_MARKS, "")
    .replace(STROKED_PATTERN, (c) => STROKED[c] ?? c)
    .normalize("NFC");
}

/** The fields of an inquiry the staff search finds it by. */
export interface SearchTextFields {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  /** The patient's reference (SMP-XXXX-NN); null for inquiries stored before references. */
  reference: string | null;
}

/**
 * Lead.searchText of an inquiry: "first last email phone reference", folded. Every write of an
 * inquiry's name, e-mail, phone or reference stores this (create, staff entry, contact correction).
 */
export function leadSearchText(fields: SearchTextFields): string {
  const parts = [fields.firstName, fields.lastName, fields.email, fields.phone];
  if (fields.reference) parts.push(fields.reference);
  return foldForSearch(parts.join(" "));
}
