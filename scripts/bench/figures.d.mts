// Types of scripts/bench/figures.mjs for the TypeScript benches (see that file for the format).
export interface Figure {
  name: string;
  value: number | null;
  unit: string;
  /** "<= N" / ">= N" against the value, "<= Nx" / ">= Nx" against value / baseline. */
  goal?: string;
  /** The trivial route / floor measured in the same run, same unit as the value. */
  baseline?: number | null;
  note?: string;
}
export const FIGURE_PREFIX: string;
export function figure(f: { name: string; value: number; unit: string; goal?: string; baseline?: number; note?: string }): void;
export function parseFigures(output: string): Figure[];
export function meetsGoal(f: Pick<Figure, "value" | "goal" | "baseline">): boolean | null;
