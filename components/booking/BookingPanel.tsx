"use client";

import { useTranslations } from "next-intl";
import { type FormEvent, useCallback, useEffect, useId, useMemo, useRef, useState } from "react";
// Zod-free modules only: the schemas would bring zod and libphonenumber-js into the patient page.
import { BOOKING_LIMITS } from "@/lib/booking/booking-messages";
import type { ConsultationType } from "@/lib/booking/schemas";
import type { PatientBookingState, PatientCallback, PatientConsultation } from "@/lib/booking/patient-booking-view";
import { WEEKDAYS, type Weekday } from "@/lib/clinic/weekdays";
import { addDays, clinicDateOf, durationParts, formatDay, formatDayShort, formatInstantDay, formatTime, minDate, zoneLabel } from "./booking-format";
import styles from "./booking.module.css";

/** Days of free times asked for at once (the slots API answers at most 62). */
const PAGE_DAYS = 14;

interface Slot {
  start: string;
  end: string;
}

type Notice = { tone: "ok" | "error"; text: string } | null;
type Mode = "view" | "pick" | "callback";

interface ApiAnswer {
  status: number;
  body: {
    consultation?: PatientConsultation;
    error?: { code?: string; message?: string; slots?: Slot[] };
    slots?: Slot[];
  } | null;
}

async function call(url: string, init?: RequestInit): Promise<ApiAnswer> {
  try {
    const response = await fetch(url, { ...init, headers: { "Content-Type": "application/json", ...(init?.headers ?? {}) } });
    const body = response.status === 204 ? null : ((await response.json().catch(() => null)) as ApiAnswer["body"]);
    return { status: response.status, body };
  } catch {
    return { status: 0, body: null };
  }
}

/**
 * The patient books, moves or cancels their consultation, or leaves call-back times (issue 20), on
 * their own page (/my/<token>) and on the confirmation screen right after sending the request.
 * Phone first: a type (only the enabled ones; skipped when there is one), a day, a time, then a
 * summary with the self-service policy to acknowledge. Every time is the clinic's wall clock with its
 * zone named. The panel calls the patient API with the link's token; the server decides every rule
 * (notice, window, cut-off, a slot taken meanwhile) and the panel shows its answer: SLOT_TAKEN brings
 * the date's fresh times, TOO_LATE_TO_CHANGE the clinic's phone.
 */
export function BookingPanel({
  token,
  locale,
  initial,
  headingLevel = 2,
}: {
  token: string;
  locale: string;
  initial: PatientBookingState;
  /** 2 on the patient's page, 4 inside the confirmation screen. */
  headingLevel?: 2 | 3 | 4;
}) {
  const t = useTranslations("booking");
  const { config } = initial;
  const base = `/api/v1/my/${encodeURIComponent(token)}`;
  const q = `locale=${encodeURIComponent(locale)}`;
  const ids = useId();
  const H = `h${headingLevel}` as "h2" | "h3" | "h4";
  const Sub = `h${headingLevel + 1}` as "h3" | "h4" | "h5";

  const [consultation, setConsultation] = useState<PatientConsultation | null>(initial.consultation);
  const [callback, setCallback] = useState<PatientCallback | null>(initial.callback);
  const [mode, setMode] = useState<Mode>(initial.consultation ? "view" : "pick");
  const [notice, setNotice] = useState<Notice>(null);
  const [busy, setBusy] = useState(false);
  const [confirmingCancel, setConfirmingCancel] = useState(false);
  const noticeRef = useRef<HTMLParagraphElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  const say = useCallback((next: Notice) => {
    setNotice(next);
    // After React has rendered the message: move focus to it, so a screen reader reads it and the keyboard starts there.
    setTimeout(() => noticeRef.current?.focus(), 0);
  }, []);

  const phone = config.clinicPhoneDisplay;
  const zone = zoneLabel(config.timeZone, locale);
  const cutoff = durationParts(config.cutoffMinutes);
  const cutoffWords = t(`duration.${cutoff.unit}`, { n: cutoff.n });
  const typeName = (type: ConsultationType) => t(`typeShort.${type}`);
  const describe = (c: { type: ConsultationType; start: string }) => ({
    type: typeName(c.type),
    date: formatInstantDay(c.start, config.timeZone, locale),
    time: formatTime(c.start, config.timeZone, locale),
  });

  const messageOf = (answer: ApiAnswer): string => {
    if (answer.status === 404) return t("gone", { phone });
    if (answer.status === 429) return t("busy");
    if (answer.body?.error?.code === "TOO_LATE_TO_CHANGE") return t("tooLate", { phone });
    if ((answer.status === 400 || answer.status === 409) && answer.body?.error?.message) return answer.body.error.message;
    return t("failed", { phone });
  };

  const onBooked = (next: PatientConsultation, moved: boolean) => {
    setConsultation({ ...next, changeableOnline: true });
    setMode("view");
    say({ tone: "ok", text: t(moved ? "moved" : "booked", describe(next)) });
  };

  const cancel = async () => {
    if (busy || !consultation) return;
    setBusy(true);
    const answer = await call(`${base}/consultation?${q}`, { method: "DELETE" });
    setBusy(false);
    setConfirmingCancel(false);
    if (answer.status === 200 || answer.status === 204) {
      setConsultation(null);
      setMode("pick");
      say({ tone: "ok", text: t("cancelledDone") });
      return;
    }
    if (answer.body?.error?.code === "TOO_LATE_TO_CHANGE") setConsultation({ ...consultation, changeableOnline: false });
    say({ tone: "error", text: messageOf(answer) });
  };

  const noticeLine = (
    <p
      ref={noticeRef}
      tabIndex={-1}
      role={notice?.tone === "error" ? "alert" : "status"}
      className={notice ? (notice.tone === "error" ? styles.error : styles.ok) : styles.empty}
      data-booking-notice={notice?.tone ?? ""}
    >
      {notice?.text ?? ""}
    </p>
  );

  return (
    <section aria-labelledby={`${ids}-heading`} className={styles.panel} data-booking={consultation ? "booked" : mode}>
      <H id={`${ids}-heading`} ref={headingRef}>
        {consultation ? t("bookedHeading") : t("heading")}
      </H>
      {noticeLine}

      {consultation ? (
        <div className={styles.booked} data-consultation-status={consultation.status}>
          <dl className={styles.facts}>
            <dt>{t("when")}</dt>
            <dd>
              <strong>
                {describe(consultation).date}, {describe(consultation).time}
              </strong>
              <br />
              <span className={styles.muted}>{t("timeZoneNote", { zone })}</span>
            </dd>
            <dt>{t("typeLabel")}</dt>
            <dd>{t(`types.${consultation.type}`)}</dd>
          </dl>
          {consultation.changeableOnline ? (
            <>
              <p className={styles.muted}>{config.cutoffMinutes > 0 ? t("policy", { cutoff: cutoffWords }) : t("policyNone")}</p>
              {confirmingCancel ? (
                <div className={styles.confirmCancel} role="group" aria-labelledby={`${ids}-cancel-q`}>
                  <p id={`${ids}-cancel-q`}>{t("cancelConfirm", { date: describe(consultation).date, time: describe(consultation).time })}</p>
                  <div className={styles.actions}>
                    <button type="button" className="button" onClick={() => void cancel()} disabled={busy} autoFocus>
                      {t("cancelYes")}
                    </button>
                    <button type="button" className="button button-secondary" onClick={() => setConfirmingCancel(false)}>
                      {t("cancelNo")}
                    </button>
                  </div>
                </div>
              ) : mode === "view" ? (
                <div className={styles.actions}>
                  <button
                    type="button"
                    className="button"
                    onClick={() => {
                      setNotice(null);
                      setMode("pick");
                    }}
                  >
                    {t("move")}
                  </button>
                  <button type="button" className="button button-secondary" onClick={() => setConfirmingCancel(true)}>
                    {t("cancel")}
                  </button>
                </div>
              ) : null}
            </>
          ) : (
            <p className={styles.note} data-too-late="">
              {t.rich("tooLateCall", { phone, link: (chunks) => <a href={`tel:${config.clinicPhone}`}>{chunks}</a> })}
            </p>
          )}
        </div>
      ) : callback && mode !== "callback" ? (
        <p className={styles.note} data-callback-saved="">
          {t("callbackSaved", { times: callback.preferredTimes })}
        </p>
      ) : null}

      {mode === "pick" && (!consultation || consultation.changeableOnline) ? (
        <SlotPicker
          key={consultation ? `move-${consultation.id}` : "book"}
          config={config}
          locale={locale}
          moving={consultation}
          busy={busy}
          onCancelMove={() => {
            setMode("view");
            setNotice(null);
            setTimeout(() => headingRef.current?.focus(), 0);
          }}
          onSubmit={async (type, start) => {
            setBusy(true);
            const answer = consultation
              ? await call(`${base}/consultation?${q}`, { method: "PATCH", body: JSON.stringify({ start, version: consultation.version }) })
              : await call(`${base}/consultation?${q}`, { method: "POST", body: JSON.stringify({ type, start }) });
            setBusy(false);
            if ((answer.status === 200 || answer.status === 201) && answer.body?.consultation) {
              onBooked(answer.body.consultation, consultation !== null);
              return { ok: true };
            }
            if (answer.body?.error?.code === "SLOT_TAKEN") {
              say({ tone: "error", text: t("slotTaken") });
              return { ok: false, freshSlots: answer.body.error.slots ?? [] };
            }
            if (answer.body?.error?.code === "TOO_LATE_TO_CHANGE" && consultation) {
              setConsultation({ ...consultation, changeableOnline: false });
              setMode("view");
            }
            say({ tone: "error", text: messageOf(answer) });
            return { ok: false };
          }}
          onNoneSuit={
            consultation
              ? undefined
              : () => {
                  setNotice(null);
                  setMode("callback");
                }
          }
          Sub={Sub}
          timeZoneNote={t("timeZoneNote", { zone })}
          policy={config.cutoffMinutes > 0 ? t("acknowledge", { cutoff: cutoffWords }) : t("acknowledgeNone")}
        />
      ) : null}

      {mode === "callback" ? (
        <CallbackForm
          Sub={Sub}
          initial={callback}
          busy={busy}
          onBack={() => setMode("pick")}
          onSubmit={async (value) => {
            setBusy(true);
            const answer = await call(`${base}/callback?${q}`, { method: "POST", body: JSON.stringify(value) });
            setBusy(false);
            if (answer.status === 200 || answer.status === 201 || answer.status === 204) {
              setCallback(value);
              setMode("pick");
              say({ tone: "ok", text: t("callbackSent") });
              return true;
            }
            say({ tone: "error", text: messageOf(answer) });
            return false;
          }}
        />
      ) : null}
    </section>
  );
}

type SubmitOutcome = { ok: true } | { ok: false; freshSlots?: Slot[] };

function SlotPicker({
  config,
  locale,
  moving,
  busy,
  onSubmit,
  onCancelMove,
  onNoneSuit,
  timeZoneNote,
  policy,
  Sub,
}: {
  Sub: "h3" | "h4" | "h5";
  config: PatientBookingState["config"];
  locale: string;
  moving: PatientConsultation | null;
  busy: boolean;
  onSubmit: (type: ConsultationType, start: string) => Promise<SubmitOutcome>;
  onCancelMove: () => void;
  onNoneSuit: (() => void) | undefined;
  timeZoneNote: string;
  policy: string;
}) {
  const t = useTranslations("booking");
  const ids = useId();
  const [type, setType] = useState<ConsultationType | null>(moving?.type ?? (config.types.length === 1 ? config.types[0]!.type : null));
  const [from, setFrom] = useState(config.today);
  // The answer for one (type, dates, attempt): while it is for another one, the times are loading.
  const [answer, setAnswer] = useState<{ key: string; slots: Slot[] | null } | null>(null);
  const [day, setDay] = useState<string | null>(null);
  const [start, setStart] = useState<string | null>(null);
  const [ack, setAck] = useState(false);
  const [ackError, setAckError] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const confirmRef = useRef<HTMLHeadingElement>(null);
  const ackRef = useRef<HTMLInputElement>(null);
  const to = minDate(addDays(from, PAGE_DAYS - 1), config.lastDate);

  const key = type ? `${type}|${from}|${to}|${attempt}` : null;
  useEffect(() => {
    if (!type || !key) return;
    let live = true;
    void call(`/api/v1/booking/slots?type=${type}&from=${from}&to=${to}`).then((reply) => {
      if (live) setAnswer({ key, slots: reply.status === 200 && Array.isArray(reply.body?.slots) ? reply.body.slots : null });
    });
    return () => {
      live = false;
    };
  }, [key, type, from, to]);
  const current = answer !== null && answer.key === key ? answer : null;
  const load: "loading" | "ready" | "failed" = current === null ? "loading" : current.slots ? "ready" : "failed";
  const slots = current?.slots ?? null;

  const byDay = useMemo(() => {
    const days = new Map<string, Slot[]>();
    for (const slot of slots ?? []) {
      const date = clinicDateOf(slot.start, config.timeZone);
      days.set(date, [...(days.get(date) ?? []), slot]);
    }
    return days;
  }, [slots, config.timeZone]);
  const dayList = [...byDay.keys()].sort();
  const shownDay = day && byDay.has(day) ? day : (dayList[0] ?? null);
  const times = shownDay ? (byDay.get(shownDay) ?? []) : [];
  const chosen = times.find((s) => s.start === start) ?? null;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy || !type || !chosen) return;
    if (!ack) {
      setAckError(true);
      ackRef.current?.focus();
      return;
    }
    const outcome = await onSubmit(type, chosen.start);
    if (!outcome.ok && outcome.freshSlots) {
      const date = clinicDateOf(chosen.start, config.timeZone);
      const fresh = outcome.freshSlots;
      setAnswer((was) =>
        was && { ...was, slots: [...(was.slots ?? []).filter((s) => clinicDateOf(s.start, config.timeZone) !== date), ...fresh].sort((a, b) => a.start.localeCompare(b.start)) },
      );
      setDay(date);
      setStart(null);
    }
  };

  return (
    <form className={styles.picker} onSubmit={(event) => void submit(event)} noValidate aria-label={moving ? t("movingHeading") : t("heading")}>
      {moving ? <p className={styles.lead}>{t("movingHeading")}</p> : <p className={styles.lead}>{t("intro")}</p>}
      <p className={styles.muted} data-time-zone={config.timeZone}>
        {timeZoneNote}
      </p>

      {!moving && config.types.length > 1 ? (
        <fieldset className={styles.group}>
          <legend>{t("typeLegend")}</legend>
          <div className={styles.choices}>
            {config.types.map((option) => (
              <label key={option.type} className={styles.choice}>
                <input
                  type="radio"
                  name="type"
                  value={option.type}
                  checked={type === option.type}
                  onChange={() => {
                    setType(option.type);
                    setDay(null);
                    setStart(null);
                  }}
                />
                <span>
                  {t(`types.${option.type}`)} <span className={styles.muted}>({t("length", { minutes: option.lengthMinutes })})</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
      ) : null}

      {type ? (
        load === "loading" ? (
          <p role="status">{t("loading")}</p>
        ) : load === "failed" ? (
          <p role="alert" className={styles.error}>
            {t("loadFailed")}{" "}
            <button type="button" className="button button-secondary" onClick={() => setAttempt((n) => n + 1)}>
              {t("retry")}
            </button>
          </p>
        ) : (
          <>
            {dayList.length === 0 ? <p>{t("noSlots")}</p> : null}
            {dayList.length > 0 ? (
              <fieldset className={styles.group}>
                <legend>{t("dayLegend")}</legend>
                <div className={styles.days}>
                  {dayList.map((date) => {
                    const short = formatDayShort(date, locale);
                    return (
                      <label key={date} className={styles.day}>
                        <input
                          type="radio"
                          name="day"
                          value={date}
                          checked={shownDay === date}
                          onChange={() => {
                            setDay(date);
                            setStart(null);
                          }}
                          aria-label={formatDay(date, locale)}
                        />
                        <span aria-hidden="true">
                          <span className={styles.weekday}>{short.weekday}</span>
                          <strong>{short.day}</strong>
                          <span className={styles.weekday}>{short.month}</span>
                        </span>
                      </label>
                    );
                  })}
                </div>
              </fieldset>
            ) : null}
            <div className={styles.actions}>
              {from > config.today ? (
                <button type="button" className="button button-secondary" onClick={() => setFrom(addDays(from, -PAGE_DAYS) < config.today ? config.today : addDays(from, -PAGE_DAYS))}>
                  {t("earlierDates")}
                </button>
              ) : null}
              {to < config.lastDate ? (
                <button
                  type="button"
                  className="button button-secondary"
                  onClick={() => {
                    setFrom(addDays(to, 1));
                    setDay(null);
                    setStart(null);
                  }}
                >
                  {t("laterDates")}
                </button>
              ) : null}
            </div>
            {shownDay && times.length > 0 ? (
              <fieldset className={styles.group}>
                <legend>{t("timeLegend", { day: formatDay(shownDay, locale) })}</legend>
                <div className={styles.times}>
                  {times.map((slot) => (
                    <label key={slot.start} className={styles.time}>
                      <input
                        type="radio"
                        name="start"
                        value={slot.start}
                        checked={start === slot.start}
                        onChange={() => {
                          setStart(slot.start);
                          setTimeout(() => confirmRef.current?.focus(), 0);
                        }}
                      />
                      <span>{formatTime(slot.start, config.timeZone, locale)}</span>
                    </label>
                  ))}
                </div>
              </fieldset>
            ) : null}
          </>
        )
      ) : null}

      {type && chosen ? (
        <div className={styles.confirm} data-booking-confirm="">
          <Sub ref={confirmRef} tabIndex={-1} id={`${ids}-confirm`}>
            {t("confirmHeading")}
          </Sub>
          <p>
            <strong>
              {t("summary", {
                type: t(`typeShort.${type}`),
                date: formatInstantDay(chosen.start, config.timeZone, locale),
                time: formatTime(chosen.start, config.timeZone, locale),
              })}
            </strong>
          </p>
          <div className={styles.check}>
            <input
              ref={ackRef}
              id={`${ids}-ack`}
              type="checkbox"
              checked={ack}
              onChange={(event) => {
                setAck(event.target.checked);
                if (event.target.checked) setAckError(false);
              }}
              aria-invalid={ackError ? true : undefined}
              aria-describedby={ackError ? `${ids}-ack-error` : undefined}
            />
            <label htmlFor={`${ids}-ack`}>{policy}</label>
          </div>
          {ackError ? (
            <p id={`${ids}-ack-error`} className={styles.error}>
              {t("acknowledgeMissing")}
            </p>
          ) : null}
          <div className={styles.actions}>
            <button type="submit" className="button" disabled={busy} aria-busy={busy || undefined}>
              {busy ? t("booking") : moving ? t("confirmMove") : t("confirm")}
            </button>
          </div>
        </div>
      ) : null}

      <div className={styles.actions}>
        {moving ? (
          <button type="button" className="button button-secondary" onClick={onCancelMove}>
            {t("keepTime")}
          </button>
        ) : null}
        {onNoneSuit ? (
          <button type="button" className="button button-secondary" onClick={onNoneSuit}>
            {t("noneSuit")}
          </button>
        ) : null}
      </div>
    </form>
  );
}

function CallbackForm({
  Sub,
  initial,
  busy,
  onSubmit,
  onBack,
}: {
  Sub: "h3" | "h4" | "h5";
  initial: PatientCallback | null;
  busy: boolean;
  onSubmit: (value: PatientCallback) => Promise<boolean>;
  onBack: () => void;
}) {
  const t = useTranslations("booking");
  const ids = useId();
  const max = BOOKING_LIMITS.callbackPreferredTimesMax;
  const [text, setText] = useState(initial?.preferredTimes ?? "");
  const [days, setDays] = useState<Weekday[]>(initial?.days ?? []);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLTextAreaElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  // Opened by "None of these times suit me": the keyboard and the screen reader start at its heading.
  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    const value = text.trim();
    const problem = value === "" ? t("callbackMissing") : value.length > max ? t("callbackTooLong", { max }) : null;
    setError(problem);
    if (problem) {
      input.current?.focus();
      return;
    }
    await onSubmit({ preferredTimes: value, days: WEEKDAYS.filter((d) => days.includes(d)) });
  };

  return (
    <form className={styles.picker} onSubmit={(event) => void submit(event)} noValidate aria-labelledby={`${ids}-h`} data-callback-form="">
      <Sub id={`${ids}-h`} tabIndex={-1} ref={headingRef}>
        {t("callbackHeading")}
      </Sub>
      <p>{t("callbackIntro")}</p>
      <div className={styles.field}>
        <label htmlFor={`${ids}-times`}>{t("callbackTimes")}</label>
        <span id={`${ids}-hint`} className={styles.muted}>
          {t("callbackTimesHint", { max })}
        </span>
        <textarea
          ref={input}
          id={`${ids}-times`}
          name="preferredTimes"
          rows={3}
          maxLength={max}
          value={text}
          onChange={(event) => setText(event.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${ids}-hint ${ids}-error` : `${ids}-hint`}
        />
        {error ? (
          <p id={`${ids}-error`} className={styles.error}>
            {error}
          </p>
        ) : null}
      </div>
      <fieldset className={styles.group}>
        <legend>{t("callbackDays")}</legend>
        <div className={styles.choices}>
          {WEEKDAYS.map((d) => (
            <label key={d} className={styles.choice}>
              <input
                type="checkbox"
                name="days"
                value={d}
                checked={days.includes(d)}
                onChange={(event) => setDays((current) => (event.target.checked ? [...current, d] : current.filter((x) => x !== d)))}
              />
              <span>{t(`days.${d}`)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <div className={styles.actions}>
        <button type="submit" className="button" disabled={busy}>
          {t("callbackSend")}
        </button>
        <button type="button" className="button button-secondary" onClick={onBack}>
          {t("callbackBack")}
        </button>
      </div>
    </form>
  );
}
