// Scalp photos (issue 21, docs/decisions/023-photos.md): lib/photos/process.ts on a 12-megapixel
// phone JPEG (4032 x 3024, quality 92, sideways with EXIF, as a phone writes it): p50/p95 time to
// the stored full image and thumbnail, the stored size, and the memory growth (RSS) of 8 processed
// at once. Printed figures, not assertions (a shared machine). The time is judged on its ratio to a
// floor timed in turns with it on the same photo: sharp's decode of the JPEG to raw pixels, nothing
// else (scripts/bench/goals.mjs, "photo processing").
import { performance } from "node:perf_hooks";

import sharp from "sharp";

import { processPhoto } from "@/lib/photos/process";
import { phoneJpeg } from "@/tests/support/photo-fixtures";

import { figure, floored } from "./figures.mjs";

const RUNS = Number(process.env.BENCH_PHOTO_RUNS ?? 20);
const CONCURRENT = 8;

async function main(): Promise<void> {
  const input = await phoneJpeg({ width: 4032, height: 3024, orientation: 6 });
  console.log(`input: 4032 x 3024 JPEG, ${(input.length / 1024).toFixed(0)} KB`);
  // The floor: the decode alone (lib/photos/process.ts has set sharp to one thread, no cache).
  const decode = () => sharp(input).raw().toBuffer();
  await processPhoto(input); // warm up
  await decode();

  const times: number[] = [];
  const floors: number[] = [];
  let stored = 0;
  let thumb = 0;
  for (let i = 0; i < RUNS; i++) {
    let start = performance.now();
    const out = await processPhoto(input);
    times.push(performance.now() - start);
    stored = out.full.jpeg.length;
    thumb = out.thumb.jpeg.length;
    start = performance.now();
    await decode();
    floors.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  floors.sort((a, b) => a - b);
  const pct = (p: number, of = times) => of[Math.min(of.length - 1, Math.ceil((p / 100) * of.length) - 1)] as number;
  console.log(`processed p50 ${pct(50).toFixed(0)} ms, p95 ${pct(95).toFixed(0)} ms; floor (decode to raw pixels) p50 ${pct(50, floors).toFixed(0)} ms, p95/floor ${(pct(95) / pct(50, floors)).toFixed(2)}`);

  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  const startConcurrent = performance.now();
  await Promise.all(Array.from({ length: CONCURRENT }, () => processPhoto(input)));
  const concurrentMs = performance.now() - startConcurrent;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);

  figure({ name: "12 MP phone JPEG processed, p50", value: Math.round(pct(50)), unit: "ms" });
  floored("photo processing", { name: "12 MP phone JPEG processed, p95", value: Math.round(pct(95)), floor: pct(50, floors) });
  figure({ name: "12 MP phone JPEG stored (full, 2048 px)", value: Math.round(stored / 1024), unit: "KB", goal: "<= 700" });
  figure({ name: "thumbnail stored (320 px)", value: Math.round(thumb / 1024), unit: "KB" });
  figure({ name: `${CONCURRENT} uploads processed at once: memory growth (RSS)`, value: Math.round((peak - before) / 1024 / 1024), unit: "MB", goal: "<= 250" });
  figure({ name: `${CONCURRENT} uploads processed at once: wall time`, value: Math.round(concurrentMs), unit: "ms" });
}

void main();
