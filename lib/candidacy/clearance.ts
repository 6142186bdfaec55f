import type { SkinCondition } from "@/lib/candidacy/options";

/**
 * When a dermatologist's clearance matters: for ANY active skin condition the questionnaire lists
 * (clinic page, "Is Healthy Skin Required": "if any active skin disorder ... is present", the
 * procedure waits for the dermatologist's treatment and clearance). An infection or open wound is
 * not a skin condition here: it has to heal, a clearance does not lift it (see rules.ts).
 * No dependencies, so the questionnaire can ask the follow-up question at first paint.
 */
export function asksForClearance(skinConditions: readonly SkinCondition[] | undefined): boolean {
  return (skinConditions ?? []).length > 0;
}
