import {
  CHEMOTHERAPY,
  GOALS,
  HEALTH_SCREEN_ITEMS,
  LOSS_PATTERNS,
  LUDWIG_STAGES,
  NORWOOD_STAGES,
  SCAR_KINDS,
  SEXES,
  SKIN_CONDITIONS,
} from "@/lib/candidacy/options";
import { PREFERRED_CONTACT } from "@/lib/leads/preferred-contact";
import type { SentRequest } from "./RequestSent";
import { STEP_IDS, type AnswerFormValues, type StepId } from "./steps";

/*
 * Save and resume. What is stored: the questionnaire answers, the current step, the "not sure"
 * choice on the Ludwig pictures, and when it was saved, under one localStorage key for at most
 * 7 days. What is never stored: contact details (name, email, phone, notes) and consent. They
 * live only in memory while the patient fills in the consultation form, because a shared or
 * family device should not keep them; after a successful request the answers are deleted too,
 * and only the confirmation is kept (the inquiry's reference and the chosen contact method), so a
 * reload still shows it. The idempotency key of this check's consultation request (a random UUID,
 * nothing personal) is kept with the answers and after sending, so a request sent again (a retry,
 * a reload, the browser's history) is the same inquiry on the server, never a second one.
 */

export const ASSESSMENT_STORAGE_KEY = "smp-estimator:assessment:v1";
/**
 * Id of the <style> that app/assessment/page.tsx's inline script adds when this device has saved
 * answers (placeholder instead of the server's first step); the questionnaire removes it once the
 * saved step is restored. Here, not in a client module, so the server page can read the value.
 */
export const RESUME_STYLE_ID = "questionnaire-resume";
export const SAVED_ASSESSMENT_MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;

export interface SavedAssessment {
  savedAt: number;
  stepId: StepId;
  answers: Partial<AnswerFormValues>;
  ludwigUnsure: boolean;
  /** Set once the request was sent: the confirmation to show again after a reload. */
  confirmation?: SentRequest;
  /** The key every consultation request of this check is sent with (POST /api/v1/leads). */
  idempotencyKey?: string;
}

const UUID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const sanitizeKey = (raw: unknown): string | undefined => (typeof raw === "string" && UUID_SHAPE.test(raw) ? raw : undefined);

const REFERENCE_SHAPE = /^SMP-[A-Z0-9]{4}-\d{2}$/;

function sanitizeConfirmation(raw: unknown): SentRequest | undefined {
  if (raw === null || typeof raw !== "object") return undefined;
  const { reference, method } = raw as Record<string, unknown>;
  const contact = oneOf(PREFERRED_CONTACT, method);
  return typeof reference === "string" && REFERENCE_SHAPE.test(reference) && contact ? { reference, method: contact } : undefined;
}

type StorageLike = Pick<Storage, "getItem" | "setItem" | "removeItem">;

function oneOf<T extends string>(values: readonly T[], value: unknown): T | undefined {
  return typeof value === "string" && (values as readonly string[]).includes(value) ? (value as T) : undefined;
}

function someOf<T extends string>(values: readonly T[], value: unknown): T[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return [...new Set(value.filter((item): item is T => oneOf(values, item) !== undefined))];
}

/**
 * Saved data comes from an earlier visit (maybe an older version of this page, maybe edited by
 * hand): keep only values the questionnaire could have produced, drop anything else.
 */
function sanitizeAnswers(raw: unknown): Partial<AnswerFormValues> {
  if (raw === null || typeof raw !== "object") return {};
  const source = raw as Record<string, unknown>;
  const answers: Partial<AnswerFormValues> = {
    sex: oneOf(SEXES, source.sex),
    age: typeof source.age === "number" && Number.isFinite(source.age) ? source.age : undefined,
    lossPattern: oneOf(LOSS_PATTERNS, source.lossPattern),
    norwoodStage: oneOf(NORWOOD_STAGES, source.norwoodStage),
    ludwigStage: oneOf(LUDWIG_STAGES, source.ludwigStage),
    goal: oneOf(GOALS, source.goal),
    scars: someOf(SCAR_KINDS, source.scars),
    skinConditions: someOf(SKIN_CONDITIONS, source.skinConditions),
    dermatologyClearance: typeof source.dermatologyClearance === "boolean" ? source.dermatologyClearance : undefined,
    chemotherapy: oneOf(CHEMOTHERAPY, source.chemotherapy),
    healthScreen: someOf(HEALTH_SCREEN_ITEMS, source.healthScreen),
  };
  return Object.fromEntries(Object.entries(answers).filter(([, value]) => value !== undefined));
}

/** The saved assessment, or null when there is none, it is unreadable or older than 7 days. */
export function readSavedAssessment(storage: StorageLike | undefined, now: number = Date.now()): SavedAssessment | null {
  if (!storage) return null;
  let raw: string | null;
  try {
    raw = storage.getItem(ASSESSMENT_STORAGE_KEY);
  } catch {
    return null; // Storage can be blocked (private mode, policies): the check still works, unsaved.
  }
  if (!raw) return null;
  try {
    const data = JSON.parse(raw) as Record<string, unknown>;
    const savedAt = typeof data.savedAt === "number" ? data.savedAt : NaN;
    const expired = !Number.isFinite(savedAt) || now - savedAt > SAVED_ASSESSMENT_MAX_AGE_MS || savedAt > now + 60_000;
    if (expired) {
      clearSavedAssessment(storage);
      return null;
    }
    const confirmation = sanitizeConfirmation(data.confirmation);
    const idempotencyKey = sanitizeKey(data.idempotencyKey);
    return {
      savedAt,
      stepId: oneOf(STEP_IDS, data.stepId) ?? "about",
      // Once the request is sent the answers are the clinic's, not the device's: never read back.
      answers: confirmation ? {} : sanitizeAnswers(data.answers),
      ludwigUnsure: data.ludwigUnsure === true,
      ...(confirmation ? { confirmation } : {}),
      ...(idempotencyKey ? { idempotencyKey } : {}),
    };
  } catch {
    clearSavedAssessment(storage);
    return null;
  }
}

export function writeSavedAssessment(
  storage: StorageLike | undefined,
  data: Omit<SavedAssessment, "savedAt">,
  now: number = Date.now(),
): void {
  if (!storage) return;
  const confirmation = sanitizeConfirmation(data.confirmation);
  const idempotencyKey = sanitizeKey(data.idempotencyKey);
  const record: SavedAssessment = {
    stepId: data.stepId,
    ludwigUnsure: data.ludwigUnsure,
    // A sent request's record never carries answers, whatever the caller passed.
    answers: confirmation ? {} : sanitizeAnswers(data.answers),
    savedAt: now,
    ...(confirmation ? { confirmation } : {}),
    ...(idempotencyKey ? { idempotencyKey } : {}),
  };
  try {
    storage.setItem(ASSESSMENT_STORAGE_KEY, JSON.stringify(record));
  } catch {
    // Full or blocked storage: resuming is a convenience, never a reason to interrupt the patient.
  }
}

export function clearSavedAssessment(storage: StorageLike | undefined): void {
  try {
    storage?.removeItem(ASSESSMENT_STORAGE_KEY);
  } catch {
    // Same as above: nothing useful to tell the patient.
  }
}

/** localStorage when the browser allows it (it throws in some privacy modes). */
export function browserStorage(): StorageLike | undefined {
  try {
    return typeof window === "undefined" ? undefined : window.localStorage;
  } catch {
    return undefined;
  }
}
