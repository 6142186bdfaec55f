import "server-only";

import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";

import { listAuditLog } from "@/lib/audit/audit-log";
import { agendaQuerySchema } from "@/lib/booking/agenda-query";
import { listConsultantsForAdmin } from "@/lib/booking/consultants";
import { getConsultationSettings } from "@/lib/booking/settings";
import { loadAgenda } from "@/lib/booking/staff-booking";
import { followUpChoicesView, formatFollowUpTime } from "@/lib/leads/follow-up";
import { auditPageQuerySchema, type AuditPageQuery } from "@/lib/audit/audit-query";
import { getDb } from "@/lib/db/client";
import { appOrigin, getEnv } from "@/lib/env";
import { InvalidError, NotFoundError, zodFieldErrors } from "@/lib/errors";
import { isFormPostRender } from "@/lib/http/request-method";
import { isMergedLead, leadViewSummary, reshowLead, viewLead } from "@/lib/leads/lead-detail";
import { getClinicProfile, getClinicSettings } from "@/lib/clinic/store";
import { lastMonthRange, thisMonthRange } from "@/lib/clinic/time";
import { retentionPreviewQuerySchema } from "@/lib/leads/erase-input";
import { retentionCutoff, retentionPreview } from "@/lib/leads/erase-lead";
import { inboxPageQuerySchema, type InboxPageQuery } from "@/lib/leads/lead-filters";
import { goneLead } from "@/lib/leads/gone-lead";
import { mergeOrigins, mergesInto } from "@/lib/leads/lead-merge";
import { findMergedReference } from "@/lib/leads/merged-reference";
import { replyClock } from "@/lib/leads/reply-clock";
import { countLeads, countLeadsByStatus, listCallFirst, listLeadsCounted, type CallFirstGroup, type LeadPage } from "@/lib/leads/staff-inbox";
import { getActivePriceTableVersion, listPriceTableVersions } from "@/lib/pricing/price-table-store";
import { twoFactorStatus } from "@/lib/staff/account";
import { CHANGE_PASSWORD_PATH, requireStaff, requireStaffSession, TWO_FACTOR_PATH } from "@/lib/staff/require-staff";
import { isAssignable } from "@/lib/staff/assignable";
import { listStaffUsers } from "@/lib/staff/users";
import { searchParamsRecord } from "@/lib/validation/search-params";
import { reportSummary } from "@/lib/reports/summary";
import { QUICK_RANGES, quickRange, reportRangeSchema } from "@/lib/reports/summary-query";

/**
 * The data of each staff page, behind the role check. Pages stay thin (`const data = await loadX()`),
 * and tests call these loaders directly for the authorisation matrix.
 */

export type SearchParams = Record<string, string | string[] | undefined>;
export const INBOX_PAGE_SIZE = 25;

const FILTER_KEYS = ["status", "eligibility", "flag", "norwood", "ludwig", "photos", "q", "from", "to", "due", "assignee"] as const;

export async function loadInboxPage(searchParams: SearchParams) {
  const user = await requireStaff("front_desk", "/staff");
  const parsed = inboxPageQuerySchema.safeParse(searchParamsRecord(searchParams));
  const query: InboxPageQuery = parsed.success ? parsed.data : {};
  const errors = parsed.success ? {} : Object.fromEntries(zodFieldErrors(parsed.error));
  const hasFilters = FILTER_KEYS.some((key) => query[key] !== undefined);
  const view = query.view ?? (hasFilters ? "all" : "call_first");
  const db = getDb();

  const clock = await replyClock(db);
  const context = { clock, viewerId: user.id };
  let page: LeadPage | null = null;
  let matching: number | null = null;
  let callFirst: CallFirstGroup[] | null = null;
  let listError: string | null = null;
  // The reference of a merged inquiry (the one on the patient's confirmation) finds the inquiry it
  // was merged into: the list searches for that one's reference, and the page says why.
  const mergedReference = view === "all" ? await findMergedReference(db, query.q) : null;
  const listQuery = mergedReference?.survivor.reference ? { ...query, q: mergedReference.survivor.reference } : query;
  try {
    if (view === "all") ({ matching, ...page } = await listLeadsCounted(db, { ...listQuery, limit: INBOX_PAGE_SIZE }, context));
    else callFirst = await listCallFirst(db, context);
  } catch (e) {
    if (!(e instanceof InvalidError)) throw e;
    listError = e.message;
  }
  const [counts, dueToday, staff] = await Promise.all([countLeadsByStatus(db), countLeads(db, { due: "today" }, context), listStaffUsers(db)]);
  const { now, calendar: { timeZone } } = clock;
  return {
    user,
    query,
    errors,
    view,
    counts,
    dueToday,
    page,
    matching,
    pageNumber: query.cursor ? (query.page ?? 2) : 1,
    callFirst,
    listError,
    mergedReference,
    replyTargetMinutes: clock.replyTargetMinutes,
    lastMonth: lastMonthRange(now, timeZone),
    thisMonth: thisMonthRange(now, timeZone),
    timeZone,
    country: (await getClinicProfile(db)).address.country,
    /** Who the bulk bar can assign to. */
    staff: staff.filter((s) => isAssignable(s, "by_hand")).map(({ id, name }) => ({ id, name })),
  };
}

/**
 * The inquiry's page. Opening it is a view (audited, and counted in "Opened N times"); the page
 * rendered again in the response of one of its own forms (a save: POST, lib/http/request-method.ts)
 * is the same visit and counts nothing.
 */
export async function loadLeadPage(id: string) {
  const user = await requireStaff("front_desk", `/staff/leads/${encodeURIComponent(id)}`);
  const db = getDb();
  const afterSave = isFormPostRender(await headers());
  try {
    const [lead, staff] = await Promise.all([afterSave ? reshowLead(db, user.id, id) : viewLead(db, user.id, id, "page"), listStaffUsers(db)]);
    // A merged duplicate: its own staff page says where it went (and offers the undo to its merger).
    if (isMergedLead(lead)) redirect(`/staff/leads/${encodeURIComponent(id)}/gone`);
    // After the view is written: this visit is counted too.
    const profile = await getClinicProfile(db);
    const views = await leadViewSummary(db, id, user.id, profile.timeZone);
    const calendar = { timeZone: profile.timeZone, openingHours: profile.openingHours, closedDates: profile.closedDates };
    const followUpOptions = {
      ...followUpChoicesView(calendar, new Date()),
      current: lead.followUpAt ? formatFollowUpTime(new Date(lead.followUpAt), profile.timeZone) : null,
    };
    // The merges into this inquiry (the undo, for the one who merged) and where its timeline's items came from.
    const [merges, origins] = await Promise.all([mergesInto(db, id, user.id), mergeOrigins(db, id)]);
    const mergedFrom = Object.fromEntries([...origins].map(([itemId, origin]) => [itemId, origin.reference ?? "an earlier inquiry"]));
    return { user, lead, views, followUpOptions, merges, mergedFrom, timeZone: profile.timeZone, country: profile.address.country, // A deactivated account is offered only while it still holds this inquiry.
    staff: staff.filter((s) => isAssignable(s, "by_hand") || s.id === lead.assignee?.id).map(({ id: staffId, name, role }) => ({ id: staffId, name, role })) };
  } catch (e) {
    // An erased inquiry's old link: a staff page that says so (the audit stub), not the 404.
    if (e instanceof NotFoundError) {
      if (await goneLead(db, id, user.id)) redirect(`/staff/leads/${encodeURIComponent(id)}/gone`);
      notFound();
    }
    throw e;
  }
}

/** /staff/leads/<id>/gone: an erased or merged inquiry (issue 22 item 9); a live one opens its page, an unknown one is the 404. */
export async function loadGoneLeadPage(id: string) {
  const user = await requireStaff("front_desk", `/staff/leads/${encodeURIComponent(id)}/gone`);
  const db = getDb();
  const gone = await goneLead(db, id, user.id);
  if (!gone) {
    if (await db.lead.findUnique({ where: { id }, select: { id: true } })) redirect(`/staff/leads/${encodeURIComponent(id)}`);
    notFound();
  }
  const { timeZone } = await getClinicProfile(db);
  return { user, gone, timeZone };
}

export async function loadPricesPage() {
  const user = await requireStaff("admin", "/staff/prices");
  const db = getDb();
  const [active, versions, { timeZone }] = await Promise.all([getActivePriceTableVersion(db), listPriceTableVersions(db), getClinicProfile(db)]);
  return { user, active, versions, timeZone };
}

export async function loadUsersPage() {
  const user = await requireStaff("admin", "/staff/users");
  const db = getDb();
  const [users, settings] = await Promise.all([listStaffUsers(db), getClinicSettings(db, 0)]);
  return { user, users, requireTwoFactorForAdmins: settings.requireTwoFactorForAdmins };
}

/** /staff/account/password: any signed-in staff member, also with a pending step (the forced change). */
export async function loadChangePasswordPage(searchParams: SearchParams) {
  const session = await requireStaffSession("front_desk", CHANGE_PASSWORD_PATH, { allowPending: true });
  return { user: session.user, pending: session.pending, changed: searchParams.changed === "1" };
}

/** /staff/account/two-factor: any signed-in staff member; an admin the clinic requires it of is sent here. */
export async function loadTwoFactorPage() {
  const session = await requireStaffSession("front_desk", TWO_FACTOR_PATH, { allowPending: true });
  // The forced password change comes first.
  if (session.pending === "change_password") redirect(CHANGE_PASSWORD_PATH);
  const status = await twoFactorStatus(getDb(), session.user.id);
  return { user: session.user, pending: session.pending, enabled: status.enabled, required: status.required, unusedBackupCodes: status.unusedBackupCodes };
}

export async function loadEmbedPage() {
  const user = await requireStaff("admin", "/staff/embed");
  const env = getEnv();
  return { user, appOrigin: appOrigin(env), allowedOrigins: env.EMBED_ALLOWED_ORIGINS };
}

export async function loadDataProtectionPage(searchParams: SearchParams) {
  const user = await requireStaff("admin", "/staff/data-protection");
  const db = getDb();
  const settings = await getClinicSettings(db, 0);
  const now = new Date();
  const current = settings.retentionMonths === null ? null : await retentionPreview(db, settings.retentionMonths, now);
  const raw = searchParamsRecord(searchParams).preview;
  let preview: { months: number; count: number; cutoff: Date } | null = null;
  let previewError: string | null = null;
  if (raw !== undefined && raw !== "") {
    const months = retentionPreviewQuerySchema.safeParse(raw);
    if (months.success) preview = { months: months.data, count: await retentionPreview(db, months.data, now), cutoff: retentionCutoff(months.data, now) };
    else previewError = "Enter a whole number of months from 1 to 240.";
  }
  return { user, settings, current, preview, previewError };
}

/** The dashboard (admin): the period from ?range= (a quick range) or ?from=&to=, and its summary from lib/reports. */
export async function loadDashboardPage(searchParams: SearchParams) {
  const user = await requireStaff("admin", "/staff/dashboard");
  const db = getDb();
  const { timeZone } = await getClinicProfile(db);
  const params = searchParamsRecord(new URLSearchParams(Object.entries(searchParams).flatMap(([k, v]) => (typeof v === "string" ? [[k, v]] : []))));
  const quick = QUICK_RANGES.find((r) => r === params.range);
  const parsed = reportRangeSchema.safeParse(quick ? quickRange(quick, new Date(), timeZone) : { from: params.from, to: params.to });
  const rangeError = parsed.success ? null : ([...zodFieldErrors(parsed.error).values()][0] ?? "Choose another period.");
  const range = parsed.success ? parsed.data : {};
  const summary = await reportSummary(db, range);
  return { user, summary, stages: summary.stageAgreement, timeZone, quick: quick ?? (params.from || params.to ? "custom" : "this_month"), rangeError };
}

/** The audit log (admin): ?actor=&action=&from=&to=&page= (lib/audit/audit-query.ts), one page of lib/audit/audit-log.ts. */
export async function loadAuditPage(searchParams: SearchParams) {
  const user = await requireStaff("admin", "/staff/audit");
  const db = getDb();
  const parsed = auditPageQuerySchema.safeParse(searchParamsRecord(searchParams));
  const query: AuditPageQuery = parsed.success ? parsed.data : {};
  const errors = parsed.success ? {} : Object.fromEntries(zodFieldErrors(parsed.error));
  const [log, staff] = await Promise.all([listAuditLog(db, query, query.page ?? 1), listStaffUsers(db)]);
  return { user, query, errors, log, staff: staff.map(({ id, name, role }) => ({ id, name, role })) };
}

/** The consultations agenda (/staff/agenda): a day or a week, everyone or one consultant. Front desk and admin. */
export async function loadAgendaPage(searchParams: SearchParams) {
  const user = await requireStaff("front_desk", "/staff/agenda");
  // The form sends blank fields ("Everyone", no date): absent.
  const parsed = agendaQuerySchema.safeParse(Object.fromEntries(Object.entries(searchParamsRecord(searchParams)).filter(([, value]) => value !== "")));
  const query = parsed.success ? parsed.data : { view: "day" as const };
  const agenda = await loadAgenda(getDb(), { view: query.view, ...(query.date ? { date: query.date } : {}), consultantId: query.consultant ?? null });
  return { user, agenda, invalid: !parsed.success };
}

/** The consultation settings (/staff/consultations): admin only. */
export async function loadConsultationsPage() {
  const user = await requireStaff("admin", "/staff/consultations");
  const db = getDb();
  const [settings, consultants, profile] = await Promise.all([getConsultationSettings(db), listConsultantsForAdmin(db), getClinicProfile(db)]);
  return { user, settings, consultants, timeZone: profile.timeZone, clinicHours: profile.openingHours };
}
