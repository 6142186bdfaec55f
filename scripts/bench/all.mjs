// `npm run bench`: every benchmark in turn. Each prints its own figures and goals; none asserts.
// `npm run bench -- evaluate leads` runs a subset.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const benches = [
  { name: "evaluate", cmd: ["node", "scripts/run-ts.mjs", "scripts/bench/evaluate.ts"] },
  { name: "leads", cmd: ["node", "scripts/bench/leads.mjs"] },
  { name: "staff", cmd: ["node", "scripts/bench/staff.mjs"] },
  { name: "admin", cmd: ["node", "scripts/bench/admin.mjs"] },
  { name: "bundle", cmd: ["node", "scripts/bench/bundle.mjs"] },
  { name: "lighthouse", cmd: ["node", "scripts/bench/lighthouse.mjs"] },
];
const picked = process.argv.slice(2);
let failures = 0;
for (const bench of benches) {
  if (picked.length > 0 && !picked.includes(bench.name)) continue;
  const script = bench.cmd[bench.cmd.length - 1];
  if (!existsSync(script)) {
    console.error(`\n### ${bench.name}: ${script} is missing`);
    failures++;
    continue;
  }
  console.log(`\n### ${bench.name}`);
  const result = spawnSync(bench.cmd[0], bench.cmd.slice(1), { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (result.status !== 0) failures++;
}
process.exit(failures > 0 ? 1 : 0);
