import { base32Decode, totp } from "@/tests/support/totp";

// RFC 6238 appendix B (SHA-1): key "12345678901234567890", 8 digits.
const RFC_KEY = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

describe("test TOTP (RFC 6238)", () => {
  it("decodes base32 and matches the RFC's test vectors", () => {
    expect(base32Decode(RFC_KEY).toString("ascii")).toBe("12345678901234567890");
    expect(totp(RFC_KEY, new Date(59_000), 30, 8)).toBe("94287082");
    expect(totp(RFC_KEY, new Date(1_111_111_109_000), 30, 8)).toBe("07081804");
    expect(totp(RFC_KEY, new Date(20_000_000_000_000), 30, 8)).toBe("65353130");
  });
});
