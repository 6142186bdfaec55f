// Rules-engine throughput: raw evaluateCandidacy calls per second, validated quotes per second
// (zod parse + evaluate, what POST /api/v1/quote does per request), p50/p99 microseconds.
// Printed figures, not assertions: these machines are shared and noisy.
import { performance } from "node:perf_hooks";
import fc from "fast-check";
import { candidacyAnswersSchema, evaluateCandidacy, type CandidacyAnswers } from "@/lib/candidacy";
import { DEFAULT_PRICE_TABLE } from "@/lib/pricing/price-table";
import { validAnswersArb } from "@/tests/support/candidacy-builders";

import { figure } from "./figures.mjs";

const SAMPLE = 2_000;
const answers: CandidacyAnswers[] = fc.sample(validAnswersArb, { numRuns: SAMPLE, seed: 42 });
const bodies: unknown[] = answers.map((a) => JSON.parse(JSON.stringify(a)) as unknown);
let sink = 0;

function throughput(name: string, durationMs: number, fn: (i: number) => void): number {
  for (let i = 0; i < 50_000; i++) fn(i % SAMPLE); // warm-up: let the JIT settle
  let calls = 0;
  const start = performance.now();
  let now = start;
  while (now - start < durationMs) {
    for (let i = 0; i < 10_000; i++) fn((calls + i) % SAMPLE);
    calls += 10_000;
    now = performance.now();
  }
  const perSecond = calls / ((now - start) / 1000);
  console.log(`${name.padEnd(34)} ${Math.round(perSecond).toLocaleString("en-US").padStart(12)} calls/s`);
  return perSecond;
}

function latency(name: string, fn: (i: number) => void): void {
  const samples = new Float64Array(200_000);
  for (let i = 0; i < samples.length; i++) {
    const t0 = performance.now();
    fn(i % SAMPLE);
    samples[i] = (performance.now() - t0) * 1000;
  }
  samples.sort();
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!.toFixed(2);
  console.log(`${name.padEnd(34)} p50 ${at(0.5)} µs   p99 ${at(0.99)} µs`);
}

const evaluateOnly = (i: number) => {
  sink += evaluateCandidacy(answers[i]!, DEFAULT_PRICE_TABLE).flags.length;
};
const validateAndEvaluate = (i: number) => {
  const parsed = candidacyAnswersSchema.safeParse(bodies[i]);
  if (parsed.success) sink += evaluateCandidacy(parsed.data, DEFAULT_PRICE_TABLE).flags.length;
};

console.log(`Rules engine benchmark (${SAMPLE} varied valid answer sets, one core, node ${process.version})`);
const raw = throughput("evaluate", 3_000, evaluateOnly);
const validated = throughput("validate + evaluate", 3_000, validateAndEvaluate);
latency("evaluate", evaluateOnly);
latency("validate + evaluate", validateAndEvaluate);
figure({ name: "evaluate", value: raw, unit: "calls/s", goal: ">= 1000000" });
figure({ name: "validate + evaluate", value: validated, unit: "calls/s", goal: ">= 200000" });
console.log(`targets: evaluate >= 1,000,000 calls/s (${raw >= 1e6 ? "met" : "NOT met"}); validate + evaluate >= 200,000 calls/s (${validated >= 2e5 ? "met" : "NOT met"})`);
if (sink < 0) console.log(sink); // keeps the work observable to the optimiser
