// node scripts/bench/cpu-profile-summary.mjs <file.cpuprofile> [regex...]: self time by package / file and by
// function, and the inclusive time of the frames whose "function url" matches each regex (a sample
// counts once per regex). For the profiles of `BENCH_CPU_PROFILE=<dir> npm run bench:leads`.
import { readFileSync } from "node:fs";
const [file, ...patterns] = process.argv.slice(2);
const p = JSON.parse(readFileSync(file, "utf8"));
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const dt = new Map();
for (let i = 0; i < p.samples.length; i++) dt.set(p.samples[i], (dt.get(p.samples[i]) ?? 0) + (p.timeDeltas[i] ?? 0) / 1000);
const total = [...dt.values()].reduce((a, b) => a + b, 0);
const pkg = (url) => {
  if (!url) return "(native/vm)";
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1];
  if (url.startsWith("node:")) return url;
  const s = /\.next\/server\/(.*)/.exec(url);
  return s ? `.next/${s[1].slice(0, 60)}` : url.slice(-60);
};
const self = new Map(), fns = new Map();
for (const [id, ms] of dt) {
  const n = byId.get(id); const cf = n.callFrame;
  self.set(pkg(cf.url), (self.get(pkg(cf.url)) ?? 0) + ms);
  const k = `${cf.functionName || "(anon)"} ${pkg(cf.url)}:${cf.lineNumber}`;
  fns.set(k, (fns.get(k) ?? 0) + ms);
}
const top = (m, n) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `${v.toFixed(0).padStart(7)} ms ${(100 * v / total).toFixed(1).padStart(5)}%  ${k}`).join("\n");
console.log(`total sampled ${total.toFixed(0)} ms`);
console.log("\n-- self time by package/file\n" + top(self, 25));
console.log("\n-- self time by function\n" + top(fns, 40));
if (patterns.length) {
  console.log("\n-- inclusive time of frames matching");
  for (const pat of patterns) {
    const re = new RegExp(pat);
    let ms = 0;
    for (const [id, t] of dt) {
      let cur = id, hit = false;
      while (cur !== undefined) { const cf = byId.get(cur).callFrame; if (re.test(`${cf.functionName} ${cf.url}`)) { hit = true; break; } cur = parent.get(cur); }
      if (hit) ms += t;
    }
    console.log(`${ms.toFixed(0).padStart(7)} ms ${(100 * ms / total).toFixed(1).padStart(5)}%  ${pat}`);
  }
}
