// Scalp photos (issue 21, docs/decisions/023-photos.md): lib/photos/process.ts on a 12-megapixel
// phone JPEG (4032 x 3024, quality 92, sideways with EXIF, as a phone writes it): p50/p95 time to
// the stored full image and thumbnail, the stored size, and the memory growth (RSS) of 8 processed
// at once. Printed figures, not assertions (a shared machine).
import { performance } from "node:perf_hooks";

import { processPhoto } from "@/lib/photos/process";
import { phoneJpeg } from "@/tests/support/photo-fixtures";

import { figure } from "./figures.mjs";

const RUNS = Number(process.env.BENCH_PHOTO_RUNS ?? 20);
const CONCURRENT = 8;

async function main(): Promise<void> {
  const input = await phoneJpeg({ width: 4032, height: 3024, orientation: 6 });
  console.log(`input: 4032 x 3024 JPEG, ${(input.length / 1024).toFixed(0)} KB`);
  await processPhoto(input); // warm up

  const times: number[] = [];
  let stored = 0;
  let thumb = 0;
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    const out = await processPhoto(input);
    times.push(performance.now() - start);
    stored = out.full.jpeg.length;
    thumb = out.thumb.jpeg.length;
  }
  times.sort((a, b) => a - b);
  const pct = (p: number) => times[Math.min(times.length - 1, Math.ceil((p / 100) * times.length) - 1)] as number;

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
  figure({ name: "12 MP phone JPEG processed, p95", value: Math.round(pct(95)), unit: "ms", goal: "<= 700" });
  figure({ name: "12 MP phone JPEG stored (full, 2048 px)", value: Math.round(stored / 1024), unit: "KB", goal: "<= 700" });
  figure({ name: "thumbnail stored (320 px)", value: Math.round(thumb / 1024), unit: "KB" });
  figure({ name: `${CONCURRENT} uploads processed at once: memory growth (RSS)`, value: Math.round((peak - before) / 1024 / 1024), unit: "MB", goal: "<= 250" });
  figure({ name: `${CONCURRENT} uploads processed at once: wall time`, value: Math.round(concurrentMs), unit: "ms" });
}

void main();
