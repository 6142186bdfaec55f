"use client";

import { useTranslations } from "next-intl";
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore, type FormEvent } from "react";
import { FormProvider, useForm, useWatch, type Resolver } from "react-hook-form";
import { answerMessageKey } from "./answer-messages";
import { INVALID_INPUT_SELECTOR } from "./fields";
import { Progress } from "./Progress";
import { useQuestionnaireHost } from "./questionnaire-host";
import { AboutStep, GoalStep, HealthStep, LudwigStep, NorwoodStep, PatternStep, ScarsStep } from "./QuestionSteps";
import { ResultStep } from "./ResultStep";
import type { CandidacyAnswers } from "@/lib/candidacy/answers";
import { EMPTY_ANSWERS, STEP_FIELDS, applicableSteps, stepApplies, type AnswerFormValues, type StepId } from "./steps";
import { RESUME_STYLE_ID, browserStorage, clearSavedAssessment, readSavedAssessment, type SavedAssessment } from "./storage";
import { useSavedAssessment } from "./useSavedAssessment";
import styles from "./questionnaire.module.css";

// zod and the schemas are most of this page's JavaScript and nothing needs them before the
// first "Next": they load right after the first paint (see the prefetch below), once.
let validationModule: Promise<typeof import("./step-validation")> | undefined;
const loadValidation = () => (validationModule ??= import("./step-validation"));

const noSubscription = () => () => {};

/**
 * The first step is rendered on the server, so the page's largest text is in the HTML and the
 * browser paints it before any JavaScript runs. Saved answers live in localStorage: they are read
 * right after hydration and the flow is remounted on the saved step. On a device with saved
 * answers, the inline script in app/assessment/page.tsx hides the server's first step behind a
 * placeholder of the same size until then, so a returning patient sees no flash of step 1.
 * "Start over" remounts the flow with nothing saved.
 */
export function Questionnaire() {
  const t = useTranslations("questionnaire");
  // false on the server and while hydrating, true right after: then the saved answers are read.
  const hydrated = useSyncExternalStore(noSubscription, () => true, () => false);
  const [session, setSession] = useState(0);
  const saved = useMemo(
    () => (hydrated && session === 0 ? readSavedAssessment(browserStorage()) : null),
    [hydrated, session],
  );

  // Once the saved step (or the first step) is committed, drop the placeholder before painting.
  useLayoutEffect(() => {
    if (hydrated) document.getElementById(RESUME_STYLE_ID)?.remove();
  }, [hydrated]);

  return (
    <>
      <div data-questionnaire-flow="">
        <QuestionnaireFlow
          key={session > 0 ? `session-${session}` : saved ? "restored" : "first"}
          initial={saved}
          startedOver={session > 0}
          onStartOver={() => {
            clearSavedAssessment(browserStorage());
            setSession((value) => value + 1);
          }}
        />
      </div>
      {hydrated ? null : (
        <div className={styles.placeholder} data-questionnaire-resume="" aria-busy="true">
          <p>{t("loading")}</p>
        </div>
      )}
    </>
  );
}

function initialStep(saved: SavedAssessment | null): StepId {
  if (!saved) return "about";
  const values = { ...EMPTY_ANSWERS, ...saved.answers };
  // A saved "result" step is re-checked against the schema once validation has loaded.
  return stepApplies(saved.stepId, values) ? saved.stepId : "pattern";
}

type FocusRequest = { target: "heading" | "error"; id: number } | null;

interface FlowProps {
  /** Saved answers read after hydration; null on the server, on a new visit and after "Start over". */
  initial: SavedAssessment | null;
  startedOver: boolean;
  onStartOver: () => void;
}

export function QuestionnaireFlow({ initial, startedOver, onStartOver }: FlowProps) {
  const t = useTranslations("questionnaire");
  const tErrors = useTranslations("validation.answers");
  const { save, clear } = useSavedAssessment({ readInitial: false });
  const host = useQuestionnaireHost();
  const [stepId, setStepId] = useState<StepId>(() => initialStep(initial));
  const [ludwigUnsure, setLudwigUnsure] = useState(initial?.ludwigUnsure ?? false);
  const [showRestored, setShowRestored] = useState(initial !== null && !startedOver);
  // After a successful consultation request the answers are deleted from this device, so the
  // "welcome back" and "saved on this device" notes would no longer be true: hide both.
  const [leadSent, setLeadSent] = useState(false);
  const [announcement, setAnnouncement] = useState(startedOver ? t("startedOver") : "");
  const [focusRequest, setFocusRequest] = useState<FocusRequest>(startedOver ? { target: "heading", id: 0 } : null);
  // Read by the resolver when RHF validates; only ever changed in event handlers.
  const stepRef = useRef<StepId>(stepId);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const formRef = useRef<HTMLFormElement>(null);

  const resolver = useCallback<Resolver<AnswerFormValues>>(async (values, context, options) => {
    const step = stepRef.current;
    if (step === "result") return { values, errors: {} };
    const { resolveStep } = await loadValidation();
    return resolveStep(step, values, context, options);
  }, []);
  const [resultAnswers, setResultAnswers] = useState<CandidacyAnswers | null>(null);

  const form = useForm<AnswerFormValues>({
    defaultValues: { ...EMPTY_ANSWERS, ...initial?.answers },
    resolver,
    shouldFocusError: false, // Focus is moved after the error text renders (see the effect below).
  });
  const { control, getValues, setValue, trigger, getFieldState, setError, subscribe } = form;
  const values = useWatch({ control });
  const steps = applicableSteps(values);
  const stepIndex = Math.max(steps.indexOf(stepId), 0);

  useEffect(() => {
    void loadValidation();
  }, []);

  // Resumed on the result step: check the saved answers with the full schema before asking the
  // server; anything that no longer passes sends the patient to the first question to fix.
  useEffect(() => {
    if (stepId !== "result" || resultAnswers) return;
    let active = true;
    void loadValidation().then(({ checkAnswers }) => {
      if (!active) return;
      const checked = checkAnswers(getValues());
      if (checked.ok) {
        setResultAnswers(checked.answers);
      } else {
        stepRef.current = checked.firstInvalidStep;
        setStepId(checked.firstInvalidStep);
      }
    });
    return () => {
      active = false;
    };
  }, [stepId, resultAnswers, getValues]);

  // Every change is saved at once, so a reload or a closed tab loses nothing.
  useEffect(
    () =>
      subscribe({
        formState: { values: true },
        callback: ({ values: latest }) => save({ stepId: stepRef.current, answers: latest, ludwigUnsure }),
      }),
    [subscribe, save, ludwigUnsure],
  );

  useEffect(() => {
    if (!focusRequest) return;
    if (focusRequest.target === "heading") {
      // Embedded, the frame is as tall as its content: scrolling to the heading would scroll the host page.
      headingRef.current?.focus({ preventScroll: host.embedded });
    } else {
      formRef.current?.querySelector<HTMLElement>(INVALID_INPUT_SELECTOR)?.focus();
    }
  }, [focusRequest, host.embedded]);

  const requestFocus = (target: "heading" | "error") => setFocusRequest((previous) => ({ target, id: (previous?.id ?? 0) + 1 }));

  const goTo = (next: StepId, unsure: boolean = ludwigUnsure) => {
    stepRef.current = next;
    setStepId(next);
    setShowRestored(false);
    save({ stepId: next, answers: getValues(), ludwigUnsure: unsure });
    const list = applicableSteps(getValues());
    setAnnouncement(
      t("stepAnnouncement", { current: list.indexOf(next) + 1, total: list.length, title: t(`steps.${next}`) }),
    );
    requestFocus("heading");
    host.onEvent?.({ type: "step", step: next });
  };

  const announceErrors = (fields: readonly (keyof AnswerFormValues)[]) => {
    const messages = fields
      .map((field) => getFieldState(field).error?.message)
      .filter((message): message is string => typeof message === "string")
      .map((message) => tErrors(answerMessageKey(message)));
    const [first] = messages;
    if (first === undefined) return;
    // A trailing no-break space alternates so the same error twice is announced twice.
    setAnnouncement((previous) => {
      const text = t("errorAnnouncement", { count: messages.length, first });
      return previous === text ? `${text}\u00a0` : text;
    });
    requestFocus("error");
  };

  const onNext = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const step = stepRef.current;
    if (step === "result") return;
    const fields = STEP_FIELDS[step];
    let valid = await trigger(fields);
    if (step === "ludwig" && getValues("ludwigStage") === undefined && !ludwigUnsure) {
      // The API treats "no stage" as "not sure"; the page still asks for an explicit choice.
      setError("ludwigStage", { type: "required", message: "ludwigStageMissing" });
      valid = false;
    }
    if (!valid) {
      announceErrors(fields);
      return;
    }
    let unsure = ludwigUnsure;
    if (step === "pattern") {
      // A stage from another pattern would no longer be true; drop it rather than send it.
      const pattern = getValues("lossPattern");
      if (pattern !== "norwood") setValue("norwoodStage", undefined);
      if (pattern !== "diffuse_thinning") {
        setValue("ludwigStage", undefined);
        unsure = false;
        setLudwigUnsure(false);
      }
    }
    const list = applicableSteps(getValues());
    const next = list[list.indexOf(step) + 1] ?? "result";
    if (next === "result") {
      const checked = (await loadValidation()).checkAnswers(getValues());
      if (!checked.ok) {
        goTo(checked.firstInvalidStep, unsure);
        return;
      }
      setResultAnswers(checked.answers);
    }
    goTo(next, unsure);
  };

  const onBack = () => {
    const previous = steps[stepIndex - 1];
    if (previous) goTo(previous);
  };

  const stepContent = (() => {
    switch (stepId) {
      case "about":
        return <AboutStep />;
      case "pattern":
        return <PatternStep />;
      case "norwood":
        return <NorwoodStep />;
      case "ludwig":
        return (
          <LudwigStep
            unsure={ludwigUnsure}
            onUnsureChange={(unsure) => {
              setLudwigUnsure(unsure);
              save({ stepId, answers: getValues(), ludwigUnsure: unsure });
            }}
          />
        );
      case "scars":
        return <ScarsStep />;
      case "health":
        return <HealthStep />;
      case "goal":
        return <GoalStep />;
      case "result":
        return null;
    }
  })();

  return (
    <div className={styles.flow}>
      <p className="visually-hidden" aria-live="polite" aria-atomic="true">
        {announcement}
      </p>
      <div className={styles.topBar}>
        <Progress current={stepIndex + 1} total={steps.length} />
        <button type="button" className="button-link" onClick={onStartOver}>
          {t("startOver")}
        </button>
      </div>
      {showRestored && initial && !leadSent ? (
        <p className={styles.notice}>{t("restored", { savedAt: new Date(initial.savedAt) })}</p>
      ) : null}
      <h2 ref={headingRef} tabIndex={-1} className={styles.stepHeading}>
        {t(`steps.${stepId}`)}
      </h2>
      {stepId === "result" ? (
        resultAnswers ? (
          <ResultStep
            answers={resultAnswers}
            onChangeAnswers={() => goTo(steps[stepIndex - 1] ?? "about")}
            onReviewAnswers={() => goTo("about")}
            onLeadSent={() => {
              clear();
              setLeadSent(true);
              setShowRestored(false);
            }}
          />
        ) : (
          <p className={styles.placeholderResult} role="status">
            {t("loading")}
          </p>
        )
      ) : (
        <FormProvider {...form}>
          <form ref={formRef} noValidate onSubmit={onNext} className={styles.stepForm}>
            {stepContent}
            <div className={styles.nav}>
              {stepIndex > 0 ? (
                <button type="button" className="button button-secondary" onClick={onBack}>
                  {t("back")}
                </button>
              ) : null}
              <button type="submit" className={`button ${styles.next}`}>
                {steps[stepIndex + 1] === "result" ? t("seeResult") : t("next")}
              </button>
            </div>
          </form>
        </FormProvider>
      )}
      {leadSent ? null : <p className={styles.savedNote}>{t("savedNote")}</p>}
    </div>
  );
}
