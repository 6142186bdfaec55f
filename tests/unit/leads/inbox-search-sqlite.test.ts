import { ftsPhrase, searchTermsOf } from "@/lib/leads/inbox-search-sqlite";

describe("the inbox's SQLite search terms", () => {
  it("quotes a term as one FTS5 phrase, a double quote inside doubled (no operator or column filter can be smuggled in)", () => {
    expect(ftsPhrase("garcia")).toBe('"garcia"');
    expect(ftsPhrase('o"brien')).toBe('"o""brien"');
    expect(ftsPhrase('x" OR searchText:"')).toBe('"x"" OR searchText:"""');
  });

  it("takes a text search of three or more characters and the flag; shorter terms stay with LIKE alone", () => {
    expect(searchTermsOf({}, "gar")).toEqual({ text: "gar" });
    expect(searchTermsOf({}, "ga")).toBeNull();
    expect(searchTermsOf({}, "ñú")).toBeNull();
    expect(searchTermsOf({ flag: "PIGMENT_ALLERGY" }, "ga")).toEqual({ flag: "PIGMENT_ALLERGY" });
    expect(searchTermsOf({ flag: "PIGMENT_ALLERGY" }, "garcia")).toEqual({ flag: "PIGMENT_ALLERGY", text: "garcia" });
    expect(searchTermsOf({ status: "new" }, null)).toBeNull();
  });
});
