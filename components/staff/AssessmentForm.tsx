"use client";

import { useActionState, useId } from "react";

import { LUDWIG_STAGES, SCAR_KINDS } from "@/lib/candidacy/options";
import { CONFIRMABLE_NORWOOD_STAGES } from "@/lib/photos/schemas";
import { IDLE } from "@/lib/workspace/action-state";
import { LUDWIG_LABELS, NORWOOD_LABELS, SCAR_LABELS } from "@/lib/workspace/answer-labels";

import { ActionMessage, ReloadOnConflict } from "./ActionMessage";
import { Field, fieldError } from "./Field";
import type { LeadAction } from "./LeadForms";
import { useShownState } from "./form-state";
import styles from "./staff.module.css";

export interface StoredAssessment {
  norwoodStage: string | null;
  ludwigStage: string | null;
  scars: string[];
  note: string | null;
  assessedAt: string;
}

/** Confirm the stage, scars and a note from the photos (staffAction confirmAssessmentAction; 409 on a stale version). */
export function AssessmentForm({ action, leadId, version, assessment }: { action: LeadAction; leadId: string; version: number; assessment: StoredAssessment | null }) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  const { shown } = useShownState(state, pending);
  const id = useId();
  const current = assessment?.norwoodStage ? `norwood:${assessment.norwoodStage}` : assessment?.ludwigStage ? `ludwig:${assessment.ludwigStage}` : "";
  const scars = new Set(assessment?.scars ?? []);
  return (
    // Keyed on what is stored: after a confirmation the form shows the confirmed stage and scars (a
    // form reset after the action would otherwise bring back the values it was first drawn with).
    <form key={`${current}|${assessment?.assessedAt ?? ""}`} action={formAction} aria-describedby={`${id}-msg`}>
      <input type="hidden" name="leadId" value={leadId} />
      <input type="hidden" name="version" value={version} />
      <input type="hidden" name="scarsGiven" value="1" />
      <Field id={`${id}-stage`} label="Stage seen on the photos" error={fieldError(state, "norwoodStage") ?? fieldError(state, "ludwigStage")}>
        {(control) => (
          <select {...control} name="stage" className={styles.select} defaultValue={current}>
            <option value="">Keep the patient&apos;s answer</option>
            <optgroup label="Norwood (men's pattern)">
              {CONFIRMABLE_NORWOOD_STAGES.map((stage) => (
                <option key={stage} value={`norwood:${stage}`}>
                  {NORWOOD_LABELS[stage]}
                </option>
              ))}
            </optgroup>
            <optgroup label="Ludwig (diffuse thinning)">
              {LUDWIG_STAGES.map((stage) => (
                <option key={stage} value={`ludwig:${stage}`}>
                  {LUDWIG_LABELS[stage]}
                </option>
              ))}
            </optgroup>
          </select>
        )}
      </Field>
      <fieldset className={styles.field}>
        <legend>Scars seen (none ticked: no scars)</legend>
        {SCAR_KINDS.map((kind) => (
          <label key={kind} style={{ display: "block" }}>
            <input type="checkbox" name="scars" value={kind} defaultChecked={scars.has(kind)} /> {SCAR_LABELS[kind]}
          </label>
        ))}
      </fieldset>
      <Field id={`${id}-note`} label="Note for the team (not shown to the patient)" error={fieldError(state, "note")}>
        {(control) => <textarea {...control} name="note" className={styles.textarea} maxLength={2000} defaultValue={assessment?.note ?? ""} />}
      </Field>
      <button type="submit" className={styles.button} disabled={pending}>
        Confirm estimate
      </button>
      <ActionMessage state={shown} id={`${id}-msg`} />
      <ReloadOnConflict state={state} href={`/staff/leads/${leadId}`}>
        Reload this inquiry
      </ReloadOnConflict>
    </form>
  );
}
