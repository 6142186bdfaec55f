// The goals `npm run bench` judges on a ratio to a floor (bench/README.md says why and how each was
// set). One entry per kind of figure: a bench reports a figure of a kind with floored() from
// ./figures.mjs, giving the value and the floor it measured in the same run on the same data.
//
//   unit            the unit of the value and of the floor
//   absolute        the goal as first set, on the reference machine below: printed beside the
//                   figure for reading, not judged
//   floor           what the bench measures as the floor (one line, shown in bench/README.md)
//   referenceFloor  the floor on the reference machine (per database where there are two): the
//                   judged goal is absolute / referenceFloor, e.g. "<= 30" ms over a 0.2 ms floor
//                   = "<= 150x". How each number was obtained: `derivation`.
//
// A new kind (slots, photos, the patient page...): one entry here; its referenceFloor is the floor
// its bench prints, converted to the reference machine as bench/README.md describes.

/**
 * The machine the absolute goals were set and met on: the last run of the previous session
 * (bench/history.json, commit 65ee99c). Its rules engine figure is the yardstick that converts a
 * floor measured on another machine into the reference machine's.
 */
export const REFERENCE = {
  run: "65ee99c, 2026-12-01 16:27 UTC (bench/history.json)",
  machine: "2 cores, Intel(R) Xeon(R) Processor, 24 GiB RAM",
  /** evaluate calls/s in that run. */
  evaluateCallsPerSecond: 1_753_697,
  /** Lighthouse's CPU benchmark index in that run (median of its three pages: 3188, 3198, 3119). */
  lighthouseBenchmarkIndex: 3188,
  /** One round trip (SELECT 1) through the app's client, p50, as the staff bench printed it in that run. */
  selectOneP50Ms: { SQLite: 0.04, PostgreSQL: 0.25 },
};

/**
 * referenceFloor: the floor the reference run would have measured, estimated from what it did
 * measure (scripts/bench/reference-floors.mjs computes them from runs on another machine; bench/README.md,
 * "How each ratio goal was set", gives the formulas and the runs these numbers come from).
 */
export const GOALS = {
  "inbox page": {
    unit: "ms",
    absolute: "<= 30",
    floor: "index-only read of the ids of the rows the page returns (same range, order and number, on the index the page is read from; the header's counts: the first page's); median",
    referenceFloor: { SQLite: 0.075, PostgreSQL: 0.47 },
  },
  "lead detail": {
    unit: "ms",
    absolute: "<= 30",
    floor: "index-only read of the ids of the rows the detail returns (the inquiry, its notes, its events); median",
    referenceFloor: { SQLite: 0.065, PostgreSQL: 0.49 },
  },
  "export time": {
    unit: "s",
    absolute: "<= 3",
    floor: "raw driver read of the same rows (the exported columns, the assignee's name), in the same batches (better-sqlite3 / pg, rows as arrays; nothing converted, encoded or written)",
    referenceFloor: { SQLite: 0.56, PostgreSQL: 0.77 },
  },
  "reports summary": {
    unit: "ms",
    absolute: "<= 200",
    floor: "index-only COUNT(*) of the period's inquiries (the rows the summary aggregates); median",
    referenceFloor: { SQLite: 0.96, PostgreSQL: 5.2 },
  },
  evaluate: {
    unit: "calls/s",
    absolute: ">= 1000000",
    floor: "JSON.stringify of the same answer sets, calls/s on the same core",
    referenceFloor: 800_000,
  },
  "validate + evaluate": {
    unit: "calls/s",
    absolute: ">= 200000",
    floor: "JSON.stringify of the same answer sets, calls/s on the same core",
    referenceFloor: 1_100_000,
  },
  "photo processing": {
    unit: "ms",
    // Set this session, on its machine (2 cores, AMD EPYC), where the bench measured p95 382 ms
    // (commit 7a7ba86): reference floor = 382 x floor / p95 of later runs (bench/README.md).
    absolute: "<= 700",
    floor: "sharp's decode of the same JPEG to raw pixels, nothing else (one libvips thread, as processPhoto), in turns; median",
    referenceFloor: 130,
  },
  slots: {
    unit: "ms",
    // Issue 20: free slots of a 60-day window, 3 consultants, 10,000 stored consultations.
    absolute: "<= 25",
    floor: "index-only read of the window's consultations (the rows the slots are computed from: blockedStart range, not cancelled) through the same client; median, in turns",
    // The reference round trip x floor / round trip of three runs on 2026-12-08 (bench/README.md).
    referenceFloor: { SQLite: 0.33, PostgreSQL: 0.21 },
  },
  "total blocking time": {
    unit: "ms",
    // Lighthouse's own "good" bound for mobile TBT (score 0.9); with the other metrics at 100, as
    // in every run so far, the performance score is then >= 97 (its goal was >= 95).
    absolute: "<= 200",
    floor: "1000 / Lighthouse's CPU benchmark index of the same run (ms for 10 of its benchmark iterations)",
    referenceFloor: 1000 / REFERENCE.lighthouseBenchmarkIndex,
  },
};
