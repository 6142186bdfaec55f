// Rules-engine throughput: raw evaluateCandidacy calls per second, validated quotes per second
// (zod parse + evaluate, what POST /api/v1/quote does per request), p50/p99 microseconds.
// Printed figures, not assertions: these machines are shared and noisy. The floor, measured in
// turns with each (10 windows of 300 ms of each): JSON.stringify of the same answer sets on the same core (calls/s), so a slower or
// busier machine moves both; the figures are judged on calls/s over the floor (scripts/bench/goals.mjs).
import { performance } from "node:perf_hooks";
import fc from "fast-check";
import { candidacyAnswersSchema, evaluateCandidacy, type CandidacyAnswers } from "@/lib/candidacy";
import { DEFAULT_PRICE_TABLE } from "@/lib/pricing/price-table";
import { validAnswersArb } from "@/tests/support/candidacy-builders";

import { floored } from "./figures.mjs";

const SAMPLE = 2_000;
const answers: CandidacyAnswers[] = fc.sample(validAnswersArb, { numRuns: SAMPLE, seed: 42 });
const bodies: unknown[] = answers.map((a) => JSON.parse(JSON.stringify(a)) as unknown);
let sink = 0;

/**
 * Calls/s of `fn` and of `floor` measured in turns (10 windows of windowMs each, alternating), so
 * both get the same share of a shared machine.
 */
function throughputWithFloor(name: string, windowMs: number, fn: (i: number) => void, floor: (i: number) => void): { perSecond: number; floorPerSecond: number } {
  for (let i = 0; i < 50_000; i++) {
    fn(i % SAMPLE);
    floor(i % SAMPLE);
  }
  const totals = { fn: { calls: 0, ms: 0 }, floor: { calls: 0, ms: 0 } };
  const window = (f: (i: number) => void, into: { calls: number; ms: number }) => {
    const start = performance.now();
    let now = start;
    while (now - start < windowMs) {
      for (let i = 0; i < 5_000; i++) f((into.calls + i) % SAMPLE);
      into.calls += 5_000;
      now = performance.now();
    }
    into.ms += now - start;
  };
  for (let w = 0; w < 10; w++) {
    window(fn, totals.fn);
    window(floor, totals.floor);
  }
  const perSecond = totals.fn.calls / (totals.fn.ms / 1000);
  const floorPerSecond = totals.floor.calls / (totals.floor.ms / 1000);
  console.log(`${name.padEnd(34)} ${Math.round(perSecond).toLocaleString("en-US").padStart(12)} calls/s   floor (JSON.stringify) ${Math.round(floorPerSecond).toLocaleString("en-US").padStart(12)} calls/s`);
  return { perSecond, floorPerSecond };
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
/** The floor: a built-in, fixed piece of work over the same answer set. */
const stringifyOnly = (i: number) => {
  sink += JSON.stringify(answers[i]).length;
};
const validateAndEvaluate = (i: number) => {
  const parsed = candidacyAnswersSchema.safeParse(bodies[i]);
  if (parsed.success) sink += evaluateCandidacy(parsed.data, DEFAULT_PRICE_TABLE).flags.length;
};

console.log(`Rules engine benchmark (${SAMPLE} varied valid answer sets, one core, node ${process.version})`);
const { perSecond: raw, floorPerSecond: floorOfRaw } = throughputWithFloor("evaluate", 300, evaluateOnly, stringifyOnly);
const { perSecond: validated, floorPerSecond: floorOfValidated } = throughputWithFloor("validate + evaluate", 300, validateAndEvaluate, stringifyOnly);
latency("evaluate", evaluateOnly);
latency("validate + evaluate", validateAndEvaluate);
floored("evaluate", { name: "evaluate", value: raw, floor: floorOfRaw });
floored("validate + evaluate", { name: "validate + evaluate", value: validated, floor: floorOfValidated });
console.log(`over the floor: evaluate ${(raw / floorOfRaw).toFixed(2)}x, validate + evaluate ${(validated / floorOfValidated).toFixed(2)}x (absolute goals on the reference machine: >= 1,000,000 and >= 200,000 calls/s)`);
if (sink < 0) console.log(sink); // keeps the work observable to the optimiser
