// Types of scripts/bench/goals.mjs (see that file).
import type { GoalEntry } from "./figures.mjs";
export const REFERENCE: { run: string; machine: string; evaluateCallsPerSecond: number; lighthouseBenchmarkIndex: number };
export const GOALS: Record<string, GoalEntry>;
