"use client";

import { useLocale, useTranslations } from "next-intl";
import {
  memo,
  useCallback,
  useDeferredValue,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type FormEvent,
} from "react";
import { FormProvider, useForm, useWatch, type Resolver } from "react-hook-form";
import { answerMessageKey, type AnswerMessageKey } from "./answer-messages";
import { INVALID_INPUT_SELECTOR } from "./fields";
import type { ClinicContact } from "@/lib/clinic/contact";
import { ClinicContactContext, useClinicContact } from "./clinic-contact";
import { BookingConfigContext } from "@/components/booking/booking-config-context";
import type { BookingConfig } from "@/lib/booking/patient-booking-view";
import { ConfirmDialog } from "./ConfirmDialog";
import { countQuestionnaireStart } from "./funnel-events";
import { RequestSent } from "./RequestSent";
import { Progress } from "./Progress";
import { useQuestionnaireHost } from "./questionnaire-host";
import { AboutStep, GoalStep, HealthStep, LudwigStep, NorwoodStep, PatternStep, ScarsStep } from "./QuestionSteps";
import { ResultStep } from "./ResultStep";
import { ReviewStep } from "./ReviewStep";
import type { CandidacyAnswers } from "@/lib/candidacy/answers";
import { asksHealthScreenItem } from "@/lib/candidacy/screening";
import { newIdempotencyKey } from "./lead-request";
import { recordStep, stepFromSearch } from "./step-url";
import {
  EMPTY_ANSWERS,
  PROGRESS_TOTAL,
  STEP_FIELDS,
  answersCandidate,
  applicableSteps,
  progressNumber,
  stepApplies,
  type AnswerFormValues,
  type QuestionStepId,
  type StepId,
} from "./steps";
import { RESUME_STYLE_ID, browserStorage, clearSavedAssessment, readSavedAssessment, type SavedAssessment } from "./storage";
import { useSavedAssessment } from "./useSavedAssessment";
import { whenIdle } from "./idle";
import styles from "./questionnaire.module.css";

// zod and the schemas are most of this page's JavaScript and nothing needs them before the
// first "Next": they load once, when the patient first touches or focuses the questionnaire
// (see the flow's capture handlers), not while the page is still starting up.
let validationModule: Promise<typeof import("./step-validation")> | undefined;
const loadValidation = () => (validationModule ??= import("./step-validation"));
const prefetchValidation = () => {
  void loadValidation();
};

const noSubscription = () => () => {};

/**
 * The first step is rendered on the server, so the page's largest text is in the HTML and the
 * browser paints it before any JavaScript runs. Saved answers live in localStorage: they are read
 * right after hydration and the flow is remounted on the saved step. On a device with saved
 * answers, the inline script in app/assessment/page.tsx hides the server's first step behind a
 * placeholder of the same size until then, so a returning patient sees no flash of step 1.
 * "Start over" (after a confirmation) remounts the flow with nothing saved. Each step is a browser
 * history entry (step-url.ts): Back and Forward move one step, a link to a step opens it.
 */
export function Questionnaire({ clinic = null, booking = null }: { clinic?: ClinicContact | null; booking?: BookingConfig | null }) {
  const t = useTranslations("questionnaire");
  // false on the server and while hydrating, true right after: then the saved answers are read.
  // React re-renders at once (synchronously) when this changes after hydration; the deferred copy
  // keeps that render trivial (the memoized flow is skipped) and does the real work, remounting
  // the flow on the saved step, in a background render that yields to the browser every few ms.
  const hydrated = useDeferredValue(useSyncExternalStore(noSubscription, () => true, () => false));
  const host = useQuestionnaireHost();
  const [session, setSession] = useState(0);
  const startOver = useCallback(() => {
    clearSavedAssessment(browserStorage());
    setSession((value) => value + 1);
  }, []);
  const saved = useMemo(
    () => (hydrated && session === 0 ? readSavedAssessment(browserStorage()) : null),
    [hydrated, session],
  );
  // A step named in the address (a reload, Back into the page, a link) wins over the saved step.
  const requestedStep = useMemo(() => (hydrated && session === 0 ? stepFromSearch(window.location.search) : null), [hydrated, session]);

  // Once the saved step (or the first step) is committed, drop the placeholder before painting.
  useLayoutEffect(() => {
    if (hydrated) document.getElementById(RESUME_STYLE_ID)?.remove();
  }, [hydrated]);

  // The anonymous funnel: opened, on which step (once per browser session; never blocks anything).
  const locale = useLocale();
  useEffect(() => {
    if (hydrated) countQuestionnaireStart(initialStep(saved, requestedStep), locale);
  }, [hydrated, saved, requestedStep, locale]);
  if (saved?.confirmation) {
    return (
      <ClinicContactContext.Provider value={clinic}>
        <RequestSent
          sent={saved.confirmation}
          embedded={host.embedded}
          onStartNew={startOver}
        />
      </ClinicContactContext.Provider>
    );
  }

  return (
    <ClinicContactContext.Provider value={clinic}>
      <BookingConfigContext.Provider value={booking}>
      <div data-questionnaire-flow="">
        <QuestionnaireFlow
          key={session > 0 ? `session-${session}` : saved || requestedStep ? "restored" : "first"}
          initial={saved}
          requestedStep={requestedStep}
          startedOver={session > 0}
          onStartOver={startOver}
        />
      </div>
      {hydrated ? null : (
        <div className={styles.placeholder} data-questionnaire-resume="" aria-busy="true">
          <p>{t("loading")}</p>
        </div>
      )}
      </BookingConfigContext.Provider>
    </ClinicContactContext.Provider>
  );
}

function initialStep(saved: SavedAssessment | null, requested: StepId | null): StepId {
  const wanted = requested ?? saved?.stepId ?? "about";
  const values = { ...EMPTY_ANSWERS, ...saved?.answers };
  // The step is re-checked against the answers once validation has loaded (see the flow).
  return stepApplies(wanted, values) ? wanted : "pattern";
}

/**
 * The answers as the API wants them, not yet checked: only for the result restored from this
 * device, where the server's answer (a result, or "invalid") is the check.
 */
function uncheckedAnswers(values: Partial<AnswerFormValues>): CandidacyAnswers {
  return answersCandidate(values) as CandidacyAnswers;
}

/** Steps that need the earlier answers to be complete before they can be shown. */
const needsEarlierAnswers = (step: StepId) => step !== "about";

type FocusRequest = { target: "heading" | "error"; id: number } | null;

/**
 * What the screen reader is told, kept as what it means rather than as text, so the words follow
 * the language: after a switch to Spanish mid-flow, the announcement is read in Spanish too.
 * `repeat` alternates so the same errors twice are announced twice (the text changes by a space).
 */
type Announcement =
  | { kind: "none" }
  | { kind: "startedOver" }
  | { kind: "step"; step: StepId }
  | { kind: "errors"; keys: readonly AnswerMessageKey[]; repeat: boolean };

interface FlowProps {
  /** Saved answers read after hydration; null on the server, on a new visit and after "Start over". */
  initial: SavedAssessment | null;
  /** The step named in the page's address, if any. */
  requestedStep?: StepId | null;
  startedOver: boolean;
  onStartOver: () => void;
}

/** Memoized: the questionnaire's re-render right after hydration must not render the flow again. */
export const QuestionnaireFlow = memo(function QuestionnaireFlow({ initial, requestedStep = null, startedOver, onStartOver }: FlowProps) {
  const t = useTranslations("questionnaire");
  const tErrors = useTranslations("validation.answers");
  const { save: saveToDevice, clear } = useSavedAssessment({ readInitial: false });
  // One key for every consultation request of this check (kept with the answers on the device):
  // a request sent again, however the patient got back to the form, is the same inquiry.
  const [idempotencyKey] = useState(() => initial?.idempotencyKey ?? newIdempotencyKey());
  // Set once the clinic has the request. From then on nothing writes answers to the device again,
  // and the browser's Back and Forward keep the "request sent" screen (see onPopState).
  const sentRef = useRef(false);
  const save = useCallback(
    (data: Omit<SavedAssessment, "savedAt" | "idempotencyKey">) => {
      if (!sentRef.current) saveToDevice({ ...data, idempotencyKey });
    },
    [saveToDevice, idempotencyKey],
  );
  const host = useQuestionnaireHost();
  const [stepId, setStepId] = useState<StepId>(() => initialStep(initial, requestedStep));
  // After "Change" on the review, Next returns to the review once the answers are complete again.
  const [returnToReview, setReturnToReview] = useState(false);
  const [confirmingStartOver, setConfirmingStartOver] = useState(false);
  const startOverRef = useRef<HTMLButtonElement>(null);
  const [ludwigUnsure, setLudwigUnsure] = useState(initial?.ludwigUnsure ?? false);
  const [showRestored, setShowRestored] = useState(initial !== null && !startedOver);
  // After a successful consultation request the answers are deleted from this device, so the
  // "welcome back" and "saved on this device" notes would no longer be true: hide both.
  const [leadSent, setLeadSent] = useState(false);
  const [announcement, setAnnouncement] = useState<Announcement>(startedOver ? { kind: "startedOver" } : { kind: "none" });
  const clinic = useClinicContact();
  const [focusRequest, setFocusRequest] = useState<FocusRequest>(startedOver ? { target: "heading", id: 0 } : null);
  // Read by the resolver when RHF validates; only ever changed in event handlers.
  const stepRef = useRef<StepId>(stepId);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  // The restored step's address, until it is recorded (see the effect on requestedStep).
  const pendingRecord = useRef<(() => void) | null>(null);

  const resolver = useCallback<Resolver<AnswerFormValues>>(async (values, context, options) => {
    const step = stepRef.current;
    if (step === "result" || step === "review") return { values, errors: {} };
    const { resolveStep } = await loadValidation();
    return resolveStep(step, values, context, options);
  }, []);
  // Resumed on the result step, the saved answers go to the server as they are (storage.ts kept
  // only values the questionnaire could have produced): the API's schema has the last word, and
  // answers it refuses send the patient to the first question to fix (reviewRefusedAnswers). No
  // validation code has to load just to show a saved result again.
  const [resultAnswers, setResultAnswers] = useState<CandidacyAnswers | null>(() =>
    stepId === "result" && initial !== null ? uncheckedAnswers({ ...EMPTY_ANSWERS, ...initial?.answers }) : null,
  );

  const form = useForm<AnswerFormValues>({
    defaultValues: { ...EMPTY_ANSWERS, ...initial?.answers },
    resolver,
    shouldFocusError: false, // Focus is moved after the error text renders (see the effect below).
  });
  const { control, getValues, setValue, trigger, getFieldState, setError, subscribe } = form;
  const values = useWatch({ control });
  const steps = applicableSteps(values);
  const stepIndex = Math.max(steps.indexOf(stepId), 0);
  const progress = progressNumber(stepId);

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

  const goTo = (next: StepId, unsure: boolean = ludwigUnsure, history: "push" | "replace" | "none" = "push") => {
    pendingRecord.current?.(); // The restored step's address first, so Back returns to it.
    stepRef.current = next;
    setStepId(next);
    setShowRestored(false);
    if (next === "review") setReturnToReview(false);
    save({ stepId: next, answers: getValues(), ludwigUnsure: unsure });
    if (history !== "none") recordStep(next, history);
    setAnnouncement({ kind: "step", step: next });
    requestFocus("heading");
    host.onEvent?.({ type: "step", step: next });
  };

  /**
   * Shows a step named by the address (Back, Forward, a link) if the answers allow it: the review
   * and the result need every answer, a question needs the ones before it; otherwise the first
   * step still to answer is shown instead, and the address corrected.
   */
  const showRequestedStep = async (target: StepId, history: "push" | "replace" | "none") => {
    const { checkAnswers } = await loadValidation();
    const current = getValues();
    const checked = checkAnswers(current);
    let destination: StepId = stepApplies(target, current) ? target : "pattern";
    if (!checked.ok && needsEarlierAnswers(destination)) {
      const list = applicableSteps(current);
      const blocking = destination === "review" || destination === "result" || list.indexOf(checked.firstInvalidStep) < list.indexOf(destination);
      if (blocking) destination = checked.firstInvalidStep;
    }
    if (destination === "result") {
      if (!checked.ok) return;
      setResultAnswers(checked.answers);
    }
    if (destination === stepRef.current) {
      if (destination !== target) recordStep(destination, "replace");
      return;
    }
    goTo(destination, ludwigUnsure, destination === target ? history : "replace");
  };
  const showRequestedStepRef = useRef(showRequestedStep);
  useLayoutEffect(() => {
    showRequestedStepRef.current = showRequestedStep;
  });

  // The address follows the step from the start (a restored step, a corrected deep link), and
  // Back/Forward ("popstate") show the step of the address.
  useEffect(() => {
    const initialStepId = stepRef.current;
    let cancelRecord: (() => void) | undefined;
    // Not on the first step: the flow rendered before hydration must leave the address alone,
    // since the one restored right after reads the step from it.
    if (requestedStep !== null && requestedStep !== "about") void showRequestedStepRef.current(requestedStep, "replace");
    else if (initialStepId !== "about") {
      // A step restored from the device: the address follows when the browser is idle, not in
      // the task that puts the step on screen (Next.js's history patch makes replaceState cost a
      // few milliseconds); at the latest before the patient's next step is recorded (goTo).
      const record = () => {
        pendingRecord.current = null;
        recordStep(initialStepId, "replace");
      };
      cancelRecord = whenIdle(record, 500);
      pendingRecord.current = () => {
        cancelRecord?.();
        record();
      };
    }
    const onPopState = () => {
      // The address moved to another entry already: the restored step's must not overwrite it.
      cancelRecord?.();
      pendingRecord.current = null;
      // Sent: history cannot bring the answers or the form back. The entry the patient moved to
      // becomes the result's, and the confirmation stays on screen.
      if (sentRef.current) {
        recordStep("result", "replace");
        return;
      }
      void showRequestedStepRef.current(stepFromSearch(window.location.search) ?? "about", "none");
    };
    window.addEventListener("popstate", onPopState);
    return () => {
      cancelRecord?.();
      pendingRecord.current = null;
      window.removeEventListener("popstate", onPopState);
    };
  }, [requestedStep]);

  const announceErrors = (fields: readonly (keyof AnswerFormValues)[]) => {
    const keys = fields
      .map((field) => getFieldState(field).error?.message)
      .filter((message): message is string => typeof message === "string")
      .map((message) => answerMessageKey(message));
    if (keys.length === 0) return;
    setAnnouncement((previous) => ({
      kind: "errors",
      keys,
      repeat: previous.kind === "errors" && previous.keys.join() === keys.join() ? !previous.repeat : false,
    }));
    requestFocus("error");
  };

  const announcementText = (() => {
    switch (announcement.kind) {
      case "none":
        return "";
      case "startedOver":
        return t("startedOver");
      case "step": {
        const number = progressNumber(announcement.step);
        return number === null
          ? t("steps.result")
          : t("stepAnnouncement", { current: number, total: PROGRESS_TOTAL, title: t(`steps.${announcement.step}`) });
      }
      case "errors": {
        const [key] = announcement.keys;
        if (key === undefined) return "";
        // The under-18 message asks the patient to call: the hidden summary says the number too,
        // as the visible message does with its link.
        const first = key === "ageUnder18" && clinic ? `${tErrors(key)} ${clinic.phoneDisplay}` : tErrors(key);
        const text = t("errorAnnouncement", { count: announcement.keys.length, first });
        return announcement.repeat ? `${text}\u00a0` : text;
      }
    }
  })();

  const onNext = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const step = stepRef.current;
    if (step === "result") return;
    if (step === "review") {
      const checked = (await loadValidation()).checkAnswers(getValues());
      if (!checked.ok) {
        goTo(checked.firstInvalidStep);
        return;
      }
      setResultAnswers(checked.answers);
      goTo("result");
      return;
    }
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
    if (step === "about") {
      // A screening answer that no longer applies (a man is never asked about pregnancy) goes.
      const screen = getValues("healthScreen") ?? [];
      const kept = screen.filter((item) => asksHealthScreenItem(item, getValues("sex")));
      if (kept.length !== screen.length) setValue("healthScreen", kept);
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
    let next = list[list.indexOf(step) + 1] ?? "review";
    if (next === "review" || returnToReview) {
      const checked = (await loadValidation()).checkAnswers(getValues());
      if (!checked.ok) {
        // Back from the review with a question newly needed (e.g. a picture for a new pattern).
        const firstInvalid = checked.firstInvalidStep;
        next = list.indexOf(firstInvalid) > list.indexOf(step) || next === "review" ? firstInvalid : next;
      } else {
        next = "review";
      }
    }
    goTo(next, unsure);
  };

  /** The server refused the answers shown on the result: the first question to fix, else the review. */
  const reviewRefusedAnswers = async () => {
    const checked = (await loadValidation()).checkAnswers(getValues());
    goTo(checked.ok ? "review" : checked.firstInvalidStep);
  };

  const onChangeStep = (step: QuestionStepId) => {
    setReturnToReview(true);
    goTo(step);
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
      case "review":
        return <ReviewStep ludwigUnsure={ludwigUnsure} onChange={onChangeStep} />;
      case "result":
        return null;
    }
  })();

  return (
    <div className={styles.flow} onPointerDownCapture={prefetchValidation} onFocusCapture={prefetchValidation}>
      <p className="visually-hidden" aria-live="polite" aria-atomic="true">
        {announcementText}
      </p>
      <div className={styles.topBar}>
        <Progress current={progress ?? PROGRESS_TOTAL} total={PROGRESS_TOTAL} done={progress === null} />
        <button
          ref={startOverRef}
          type="button"
          className="button-link"
          aria-haspopup="dialog"
          onClick={() => setConfirmingStartOver(true)}
        >
          {t("startOver")}
        </button>
      </div>
      {confirmingStartOver ? (
        <ConfirmDialog
          title={t("startOverConfirm.title")}
          body={t("startOverConfirm.body")}
          confirmLabel={t("startOverConfirm.confirm")}
          cancelLabel={t("startOverConfirm.cancel")}
          returnFocusTo={startOverRef}
          onCancel={() => setConfirmingStartOver(false)}
          onConfirm={() => {
            setConfirmingStartOver(false);
            recordStep("about", "push");
            onStartOver();
          }}
        />
      ) : null}
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
            onChangeAnswers={() => goTo("review")}
            onReviewAnswers={() => void reviewRefusedAnswers()}
            idempotencyKey={idempotencyKey}
            onLeadSent={(sent) => {
              // The answers went to the clinic: only the confirmation stays (shown again on reload),
              // and nothing writes them back (save is closed from here on).
              sentRef.current = true;
              clear();
              saveToDevice({ stepId: "result", answers: {}, ludwigUnsure: false, confirmation: sent, idempotencyKey });
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
                {stepId === "review" ? t("seeResult") : returnToReview ? t("backToReview") : t("next")}
              </button>
            </div>
          </form>
        </FormProvider>
      )}
      {leadSent ? null : <p className={styles.savedNote}>{t("savedNote")}</p>}
    </div>
  );
});
