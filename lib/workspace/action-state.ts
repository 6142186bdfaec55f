/** What a staff server action returns to its form (client-safe). */
export interface ActionState {
  status: "idle" | "ok" | "error" | "conflict";
  message?: string;
  fields?: Record<string, string>;
}

export const IDLE: ActionState = { status: "idle" };
