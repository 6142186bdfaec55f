/** What a staff server action returns to its form (client-safe, serialisable). */
export interface ActionState {
  status: "idle" | "ok" | "error" | "conflict";
  message?: string;
  /** Field path (the input's `name`) -> message. */
  fields?: Record<string, string>;
  /** After an error: what the person typed (text fields, never passwords), to show again. */
  values?: Record<string, string>;
  /** After success, what the form shows once (the two-factor enrolment's QR code, secret, backup codes). */
  data?: Record<string, string | string[]>;
}

export const IDLE: ActionState = { status: "idle" };

/** The value to show in a field: what was typed before a failed submit, else the default. */
export function typedValue(state: ActionState, name: string, fallback: string | number = ""): string {
  return state.values && Object.hasOwn(state.values, name) ? (state.values[name] ?? "") : String(fallback);
}
