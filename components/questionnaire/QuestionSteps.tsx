"use client";

import { useTranslations } from "next-intl";
import { useController, useFormContext, useFormState, useWatch } from "react-hook-form";
import type { LudwigStage, NorwoodStage } from "@/lib/candidacy/answers";
import {
  CHEMOTHERAPY,
  GOALS,
  LOSS_PATTERNS,
  LUDWIG_STAGES,
  NORWOOD_STAGES,
  SCAR_KINDS,
  SEXES,
  SKIN_CONDITIONS,
} from "@/lib/candidacy/options";
import { answerMessageKey } from "./answer-messages";
import { useClinicContact } from "./clinic-contact";
import { ChoiceGroup, FieldError, fieldDomId, useAnswerError } from "./fields";
import { PicturePicker, type PictureOption } from "./PicturePicker";
import { LudwigPicture, NorwoodPicture, UnsurePicture } from "./scalp-illustrations";
import { asksForClearance } from "@/lib/candidacy/clearance";
import { healthScreenItemsFor } from "@/lib/candidacy/screening";
import type { AnswerFormValues } from "./steps";
import styles from "./questionnaire.module.css";

/** "Not sure" on the Ludwig pictures: not an answer value (the API has none), a UI choice. */
export const LUDWIG_UNSURE = "unknown";

export function AboutStep() {
  const t = useTranslations("questionnaire.about");
  const { register, trigger, getFieldState } = useFormContext<AnswerFormValues>();
  const ageError = useAnswerError("age");
  const { errors } = useFormState<AnswerFormValues>({ name: "age" });
  const clinic = useClinicContact();
  // "Please call the clinic" comes with the clinic's number, as a link that dials it.
  const callClinic = clinic && answerMessageKey(errors.age?.message) === "ageUnder18";
  return (
    <>
      <ChoiceGroup
        name="sex"
        type="radio"
        legend={t("sexLegend")}
        hint={t("sexHint")}
        options={SEXES.map((value) => ({ value, label: t(`sex.${value}`) }))}
      />
      <div className={styles.field}>
        <label htmlFor={fieldDomId("age")} className={styles.label}>
          {t("ageLabel")}
        </label>
        <p id={fieldDomId("age", "hint")} className={styles.hint}>
          {t("ageHint")}
        </p>
        <FieldError id={fieldDomId("age", "error")} message={ageError}>
          {callClinic ? <a href={`tel:${clinic.phone}`}>{clinic.phoneDisplay}</a> : null}
        </FieldError>
        <input
          id={fieldDomId("age")}
          // A text input with a numeric keypad: number inputs change value on scroll and let
          // "e" through, and their spin buttons are hard to hit on a phone.
          type="text"
          inputMode="numeric"
          autoComplete="off"
          className={`${styles.input} ${styles.inputShort}`}
          aria-invalid={ageError ? true : undefined}
          aria-describedby={`${fieldDomId("age", "hint")}${ageError ? ` ${fieldDomId("age", "error")}` : ""}`}
          {...register("age", {
            // Empty stays "unanswered" so the schema asks for the age instead of calling it invalid.
            setValueAs: (raw: unknown) => {
              const text = typeof raw === "string" ? raw.trim() : raw;
              if (text === "" || text === undefined || text === null) return undefined;
              return typeof text === "number" ? text : Number(text);
            },
            onChange: () => {
              if (getFieldState("age").error) void trigger("age");
            },
          })}
        />
      </div>
    </>
  );
}

export function PatternStep() {
  const t = useTranslations("questionnaire.pattern");
  return (
    <ChoiceGroup
      name="lossPattern"
      type="radio"
      legend={t("legend")}
      options={LOSS_PATTERNS.map((value) => ({
        value,
        label: t(`options.${value}.label`),
        hint: t(`options.${value}.hint`),
      }))}
    />
  );
}

export function NorwoodStep() {
  const t = useTranslations("questionnaire");
  const { trigger } = useFormContext<AnswerFormValues>();
  const { field } = useController<AnswerFormValues, "norwoodStage">({ name: "norwoodStage" });
  const error = useAnswerError("norwoodStage");
  const options: PictureOption[] = NORWOOD_STAGES.map((stage) => {
    if (stage === "unknown") {
      return {
        value: stage,
        name: t("picker.notSure"),
        description: t("picker.notSureDescription"),
        picture: <UnsurePicture title={t("picker.notSure")} decorative />,
      };
    }
    const name = t(`norwood.stages.${stage}.name`);
    return {
      value: stage,
      name,
      description: t(`norwood.stages.${stage}.description`),
      picture: <NorwoodPicture stage={stage} title={name} decorative />,
    };
  });
  return (
    <PicturePicker
      name="norwoodStage"
      legend={t("norwood.legend")}
      hint={t("picker.hint")}
      options={options}
      value={field.value}
      error={error}
      inputRef={field.ref}
      onChange={(value) => {
        field.onChange(value as NorwoodStage);
        if (error) void trigger("norwoodStage");
      }}
    />
  );
}

export function LudwigStep({ unsure, onUnsureChange }: { unsure: boolean; onUnsureChange: (unsure: boolean) => void }) {
  const t = useTranslations("questionnaire");
  const { clearErrors } = useFormContext<AnswerFormValues>();
  const { field } = useController<AnswerFormValues, "ludwigStage">({ name: "ludwigStage" });
  const error = useAnswerError("ludwigStage");
  const options: PictureOption[] = [
    ...LUDWIG_STAGES.map((stage) => {
      const name = t(`ludwig.stages.${stage}.name`);
      return {
        value: stage,
        name,
        description: t(`ludwig.stages.${stage}.description`),
        picture: <LudwigPicture stage={stage} title={name} decorative />,
      };
    }),
    {
      value: LUDWIG_UNSURE,
      name: t("picker.notSure"),
      description: t("picker.notSureDescription"),
      picture: <UnsurePicture title={t("picker.notSure")} decorative />,
    },
  ];
  return (
    <PicturePicker
      name="ludwigStage"
      legend={t("ludwig.legend")}
      hint={t("picker.hint")}
      options={options}
      value={unsure ? LUDWIG_UNSURE : field.value}
      error={error}
      inputRef={field.ref}
      onChange={(value) => {
        // The API's Ludwig stage is optional: "not sure" is sent as no stage at all.
        const isUnsure = value === LUDWIG_UNSURE;
        field.onChange(isUnsure ? undefined : (value as LudwigStage));
        onUnsureChange(isUnsure);
        clearErrors("ludwigStage");
      }}
    />
  );
}

export function ScarsStep() {
  const t = useTranslations("questionnaire.scars");
  return (
    <ChoiceGroup
      name="scars"
      type="checkbox"
      legend={t("legend")}
      hint={t("hint")}
      options={SCAR_KINDS.map((value) => ({
        value,
        label: t(`options.${value}.label`),
        hint: t(`options.${value}.hint`),
      }))}
    />
  );
}

export function HealthStep() {
  const t = useTranslations("questionnaire.health");
  const { register, control } = useFormContext<AnswerFormValues>();
  const skinConditions = useWatch({ control, name: "skinConditions" });
  const sex = useWatch({ control, name: "sex" });
  const clearanceError = useAnswerError("dermatologyClearance");
  const showClearance = asksForClearance(skinConditions);
  return (
    <>
      <ChoiceGroup
        name="skinConditions"
        type="checkbox"
        legend={t("skinLegend")}
        hint={t("skinHint")}
        options={SKIN_CONDITIONS.map((value) => ({
          value,
          label: t(`skin.${value}.label`),
          hint: t(`skin.${value}.hint`),
        }))}
      >
        {showClearance ? (
          // Only asked when it matters: a dermatologist's clearance lifts the block of any active
          // skin condition. Shown inside the same fieldset, right after what triggered it.
          <div className={styles.followUp}>
            <label htmlFor={fieldDomId("dermatologyClearance")} className={styles.option}>
              <input
                id={fieldDomId("dermatologyClearance")}
                type="checkbox"
                className={styles.optionInput}
                aria-describedby={`${fieldDomId("dermatologyClearance", "hint")}${clearanceError ? ` ${fieldDomId("dermatologyClearance", "error")}` : ""}`}
                aria-invalid={clearanceError ? true : undefined}
                {...register("dermatologyClearance")}
              />
              <span className={styles.optionText}>
                <span className={styles.optionLabel}>{t("clearanceLabel")}</span>
                <span id={fieldDomId("dermatologyClearance", "hint")} className={styles.optionHint} aria-hidden="true">
                  {t("clearanceHint")}
                </span>
              </span>
            </label>
            <FieldError id={fieldDomId("dermatologyClearance", "error")} message={clearanceError} />
          </div>
        ) : null}
      </ChoiceGroup>
      <ChoiceGroup
        name="chemotherapy"
        type="radio"
        legend={t("chemoQuestion")}
        options={CHEMOTHERAPY.map((value) => ({ value, label: t(`chemo.${value}`) }))}
      />
      <ChoiceGroup
        name="healthScreen"
        type="checkbox"
        legend={t("screenLegend")}
        hint={t("screenHint")}
        // Only the questions that apply (no pregnancy question for men: lib/candidacy/screening.ts).
        options={healthScreenItemsFor(sex).map((value) => ({ value, label: t(`screen.${value}`) }))}
      />
    </>
  );
}

export function GoalStep() {
  const t = useTranslations("questionnaire.goal");
  return (
    <ChoiceGroup
      name="goal"
      type="radio"
      legend={t("legend")}
      options={GOALS.map((value) => ({
        value,
        label: t(`options.${value}.label`),
        hint: t(`options.${value}.hint`),
      }))}
    />
  );
}
