// Types of scripts/bench/figures.mjs for the TypeScript benches (see that file for the format).
export interface Figure {
  name: string;
  value: number | null;
  unit: string;
  /** Judged: "<= N" / ">= N" against the value, "<= Nx" / ">= Nx" against value / baseline. */
  goal?: string;
  /** The floor / trivial route measured in the same run on the same data, same unit as the value. */
  baseline?: number | null;
  /** The goal on the reference machine, shown for reading (scripts/bench/goals.mjs); not judged. */
  absoluteGoal?: string;
  /** The scripts/bench/goals.mjs entry the goals come from. */
  kind?: string;
  note?: string;
}
export interface GoalEntry {
  unit: string;
  absolute: string;
  floor: string;
  referenceFloor: number | Record<string, number>;
}
export interface FlooredInput {
  name: string;
  value: number;
  /** Measured in the same run on the same data, in the entry's unit. */
  floor: number;
  /** "SQLite" / "PostgreSQL" for an entry with a reference floor per database. */
  provider?: string;
  note?: string;
}
export const FIGURE_PREFIX: string;
export function figureRecord(f: { name: string; value: number; unit: string; goal?: string; baseline?: number; note?: string; absoluteGoal?: string; kind?: string }): Figure;
export function figure(f: { name: string; value: number; unit: string; goal?: string; baseline?: number; note?: string; absoluteGoal?: string }): void;
export function twoDigits(n: number): number;
export function ratioGoal(absolute: string, referenceFloor: number): string;
export function referenceFloorOf(entry: GoalEntry, provider?: string): number;
export function flooredRecord(goals: Record<string, GoalEntry>, kind: string, f: FlooredInput): Figure;
export function floored(kind: string, f: FlooredInput): void;
export function parseFigures(output: string): Figure[];
export function ratioOf(f: Pick<Figure, "value" | "baseline">): number | null;
export function meetsGoal(f: Pick<Figure, "value" | "goal" | "baseline">): boolean | null;
export function meetsAbsoluteGoal(f: Pick<Figure, "value" | "absoluteGoal">): boolean | null;
export function lacksFloor(f: Pick<Figure, "unit" | "goal">): boolean;
export function lighthouseFloorMs(benchmarkIndex: number | undefined): number;
