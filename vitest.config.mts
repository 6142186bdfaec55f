import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL("./", import.meta.url));
/** The fault file with timing bounds (lock probes within 200 ms): run on its own, after the others. */
const FAULTS_QUIET = "tests/faults/db-outage.test.ts";

export default defineConfig({
  resolve: { alias: { "@": root, "server-only": `${root}tests/support/server-only-stub.ts` } },
  oxc: { jsx: { runtime: "automatic" } },
  test: {
    globals: true,
    allowOnly: false,
    projects: [
      {
        extends: true,
        test: { name: "unit", environment: "node", include: ["tests/unit/**/*.test.ts"] },
      },
      {
        extends: true,
        test: {
          name: "component",
          environment: "jsdom",
          include: ["tests/component/**/*.test.tsx"],
          setupFiles: ["tests/support/component-setup.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          environment: "node",
          include: ["tests/integration/**/*.test.ts"],
          // One migrated SQLite file and PostgreSQL database per run; each test database is a copy.
          globalSetup: ["tests/support/test-db-template.ts"],
          // Every /api/v1 response the tests receive is validated against the served OpenAPI document.
          setupFiles: ["tests/support/openapi-validation-setup.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        // Faults and fuzz against the production build (`next start` child processes, loopback only):
        // scripts/test/all.mjs builds once and runs these after the browser tests. Two files at a time
        // (most of their time is waiting on servers, not CPU); the timing-sensitive outage file runs
        // alone afterwards ("faults-quiet", groupOrder), so no other suite's load skews its bounds.
        extends: true,
        test: {
          name: "faults",
          environment: "node",
          include: ["tests/faults/**/*.test.ts"],
          exclude: [FAULTS_QUIET],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: true,
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
        },
      },
      {
        extends: true,
        test: {
          name: "faults-quiet",
          environment: "node",
          include: [FAULTS_QUIET],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
