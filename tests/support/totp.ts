/**
 * RFC 6238 TOTP (HMAC-SHA1, 30-second steps, 6 digits) with node:crypto, for tests that sign in
 * with two-factor exactly as an authenticator app would: the code is computed here from the key
 * the enrolment page shows, independently of Better Auth's own implementation.
 */
import { createHmac } from "node:crypto";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** RFC 4648 base32 (spaces, padding and case ignored, as apps accept a typed key). */
export function base32Decode(text: string): Buffer {
  const clean = text.replace(/[\s=]+/g, "").toUpperCase();
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const char of clean) {
    const index = ALPHABET.indexOf(char);
    if (index < 0) throw new Error(`Not base32: ${char}`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** RFC 4226 HOTP of one counter value. */
export function hotp(key: Buffer, counter: number, digits = 6): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac("sha1", key).update(message).digest();
  const offset = (mac[mac.length - 1] ?? 0) & 0x0f;
  const binary = (mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** digits;
  return String(binary).padStart(digits, "0");
}

/** The code an authenticator app shows at `at` for this base32 key. */
export function totp(base32Key: string, at: Date = new Date(), stepSeconds = 30, digits = 6): string {
  return hotp(base32Decode(base32Key), Math.floor(at.getTime() / 1000 / stepSeconds), digits);
}
