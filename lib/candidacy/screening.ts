import { HEALTH_SCREEN_ITEMS, type HealthScreenItem, type Sex } from "@/lib/candidacy/options";

/**
 * Which screening questions apply to whom. Pregnancy or breastfeeding is asked of women and of
 * anyone who chose "other" (they know whether it can apply); never of men, to whom it cannot
 * (issue 19). The other items apply to everyone. No dependencies: the questionnaire renders the
 * options from this at first paint, and drops an answer that no longer applies (a changed sex).
 */
const PREGNANCY_ASKED_OF: ReadonlySet<Sex> = new Set<Sex>(["female", "other"]);

export function asksHealthScreenItem(item: HealthScreenItem, sex: Sex | undefined): boolean {
  if (item === "pregnant_or_breastfeeding") return sex === undefined || PREGNANCY_ASKED_OF.has(sex);
  return true;
}

export function healthScreenItemsFor(sex: Sex | undefined): readonly HealthScreenItem[] {
  return HEALTH_SCREEN_ITEMS.filter((item) => asksHealthScreenItem(item, sex));
}
