import { foldForSearch, leadSearchText } from "@/lib/leads/search-text";

describe("foldForSearch (lib/leads/search-text.ts)", () => {
  it.each([
    ["Hernández", "hernandez"],
    ["HERNÁNDEZ", "hernandez"],
    ["José Rodríguez", "jose rodriguez"],
    ["Peña Muñoz", "pena munoz"],
    ["Ángela Güemes", "angela guemes"],
    ["François Lefèvre", "francois lefevre"],
    ["Đặng Nguyễn", "dang nguyen"],
    ["Łukasz Øster", "lukasz oster"],
    // Decomposed input (as some keyboards and copy-paste send it) folds the same as composed.
    ["Jose\u0301 Rodri\u0301guez", "jose rodriguez"],
    // Scripts NFD splits are stored whole again (NFC), so a search typed the usual way still matches.
    ["김민수", "김민수"],
    ["smp-7kq2-94 +17145550142 a.b@example.com", "smp-7kq2-94 +17145550142 a.b@example.com"],
  ])("%s -> %s", (text, folded) => {
    expect(foldForSearch(text)).toBe(folded);
  });

  it("is idempotent, so a term folded twice (or stored text folded again by the migration) does not change", () => {
    for (const text of ["José Rodríguez", "Đặng", "ñ", "plain"]) expect(foldForSearch(foldForSearch(text))).toBe(foldForSearch(text));
  });

  it("leadSearchText: first, last, e-mail, phone and reference folded in one string; no reference, no trailing space", () => {
    expect(leadSearchText({ firstName: "José", lastName: "Rodríguez", email: "Jose.R@Example.com", phone: "+17145550142", reference: "SMP-7KQ2-94" })).toBe(
      "jose rodriguez jose.r@example.com +17145550142 smp-7kq2-94",
    );
    expect(leadSearchText({ firstName: "Ana", lastName: "Pérez", email: "ana@example.com", phone: "+17145550100", reference: null })).toBe("ana perez ana@example.com +17145550100");
  });
});
