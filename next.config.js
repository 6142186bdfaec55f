// @ts-check
const createNextIntlPlugin = require("next-intl/plugin");

// next-intl without locale routing: the locale comes from a cookie or Accept-Language (lib/i18n/request.ts).
const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Benchmarks and browser tests may build side by side with a developer's build.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  reactStrictMode: true,
  poweredByHeader: false,
  // Native and server-only packages stay outside the bundle.
  serverExternalPackages: ["better-sqlite3", "pg", "pino", "nodemailer", "ioredis"],
  // forbidden() from next/navigation: a staff member without the role gets a real 403 with
  // app/staff/forbidden.tsx (lib/staff/require-staff.ts).
  experimental: { authInterrupts: true },
  // Security headers (CSP with per-request nonces, framing, HSTS, nosniff, ...) are set by proxy.ts
  // from the one policy module lib/http/security-headers.ts, on every route but the hashed build assets.
};

module.exports = withNextIntl(nextConfig);
