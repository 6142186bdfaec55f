"use client";

import { useTranslations } from "next-intl";
import { useWatch } from "react-hook-form";
import { asksForClearance } from "@/lib/candidacy/clearance";
import { asksHealthScreenItem } from "@/lib/candidacy/screening";
import { stepHref } from "./step-url";
import type { AnswerFormValues, QuestionStepId } from "./steps";
import styles from "./questionnaire.module.css";

interface ReviewRow {
  label: string;
  value: string;
}

interface ReviewGroup {
  step: QuestionStepId;
  rows: ReviewRow[];
}

/**
 * Every answer before the result, grouped by the step that asked it, each group with a "Change"
 * link back to that step (a real link to the step's address; the flow handles the click).
 */
export function ReviewStep({ ludwigUnsure, onChange }: { ludwigUnsure: boolean; onChange: (step: QuestionStepId) => void }) {
  const t = useTranslations("questionnaire");
  const values = useWatch<AnswerFormValues>() as Partial<AnswerFormValues>;
  const none = t("review.none");
  const list = (items: readonly string[] | undefined, label: (item: string) => string) =>
    items && items.length > 0 ? items.map(label).join(", ") : none;
  const unanswered = t("review.unanswered");

  const stageRow = (): ReviewRow | null => {
    if (values.lossPattern === "norwood") {
      const stage = values.norwoodStage;
      return {
        label: t("review.stage"),
        value: stage === undefined ? unanswered : stage === "unknown" ? t("picker.notSure") : t(`norwood.stages.${stage}.name`),
      };
    }
    if (values.lossPattern === "diffuse_thinning") {
      const stage = values.ludwigStage;
      return {
        label: t("review.stage"),
        value: stage !== undefined ? t(`ludwig.stages.${stage}.name`) : ludwigUnsure ? t("picker.notSure") : unanswered,
      };
    }
    return null;
  };

  const stage = stageRow();
  const groups: ReviewGroup[] = [
    {
      step: "about",
      rows: [
        { label: t("review.sex"), value: values.sex ? t(`about.sex.${values.sex}`) : unanswered },
        { label: t("review.age"), value: typeof values.age === "number" ? t("review.ageValue", { age: values.age }) : unanswered },
      ],
    },
    {
      step: "pattern",
      rows: [
        { label: t("review.pattern"), value: values.lossPattern ? t(`pattern.options.${values.lossPattern}.label`) : unanswered },
        ...(stage ? [stage] : []),
      ],
    },
    { step: "scars", rows: [{ label: t("review.scars"), value: list(values.scars, (s) => t(`scars.options.${s}.label`)) }] },
    {
      step: "health",
      rows: [
        { label: t("review.skin"), value: list(values.skinConditions, (s) => t(`health.skin.${s}.label`)) },
        ...(asksForClearance(values.skinConditions)
          ? [{ label: t("review.clearance"), value: values.dermatologyClearance === true ? t("review.yes") : t("review.no") }]
          : []),
        { label: t("review.chemo"), value: values.chemotherapy ? t(`health.chemo.${values.chemotherapy}`) : unanswered },
        { label: t("review.screen"), value: list(values.healthScreen?.filter((item) => asksHealthScreenItem(item, values.sex)), (s) => t(`health.screen.${s}`)) },
      ],
    },
    { step: "goal", rows: [{ label: t("review.goal"), value: values.goal ? t(`goal.options.${values.goal}.label`) : unanswered }] },
  ];

  return (
    <div className={styles.review}>
      <p>{t("review.intro")}</p>
      {groups.map((group) => {
        const title = t(`steps.${group.step}`);
        const headingId = `review-${group.step}`;
        return (
          <section key={group.step} aria-labelledby={headingId} className={styles.reviewGroup}>
            <div className={styles.reviewGroupHead}>
              <h3 id={headingId}>{title}</h3>
              <a
                href={stepHref(group.step)}
                className={styles.reviewChange}
                onClick={(event) => {
                  event.preventDefault();
                  onChange(group.step);
                }}
              >
                {t("review.change")}
                <span className="visually-hidden">: {title}</span>
              </a>
            </div>
            <dl className={styles.reviewList}>
              {group.rows.map((row) => (
                <div key={row.label} className={styles.reviewRow}>
                  <dt>{row.label}</dt>
                  <dd>{row.value}</dd>
                </div>
              ))}
            </dl>
          </section>
        );
      })}
    </div>
  );
}
