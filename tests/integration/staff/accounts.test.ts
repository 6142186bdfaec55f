/**
 * Staff accounts (issue 11 item 4): deactivation revoking a live session, sign-in refused with the
 * message, reactivation, the admin's password reset with the forced change, the last active admin,
 * role checks on every new page and action (two-factor: two-factor.test.ts). In-process, real sessions, both databases.
 */
import { GET as listLeadsRoute } from "@/app/api/v1/leads/route";
import { changeOwnPasswordAction, startTwoFactorAction } from "@/app/staff/account/actions";
import { signInAction } from "@/app/staff/sign-in/actions";
import {
  deactivateStaffUserAction,
  reactivateStaffUserAction,
  resetStaffPasswordAction,
  resetStaffTwoFactorAction,
  setStaffRoleAction,
} from "@/app/staff/users/actions";
import { ConflictError } from "@/lib/errors";
import { DEACTIVATED_MESSAGE } from "@/lib/staff/sign-in-messages";
import { checkStaffAccess, getStaffUser } from "@/lib/staff/require-staff";
import { signInWithPassword } from "@/lib/staff/sign-in";
import { createStaffUser, deactivateStaffUser, setStaffRole } from "@/lib/staff/users";
import { IDLE, type ActionState } from "@/lib/workspace/action-state";
import { loadChangePasswordPage, loadInboxPage, loadTwoFactorPage, loadUsersPage } from "@/lib/workspace/page-loaders";
import { cookieHeaderFrom, createSignedInStaff, signIn, TEST_PASSWORD, type SignedInStaff } from "@/tests/support/staff-auth";
import { staffRequest } from "@/tests/support/staff-leads";
import { as, form, outcome, request } from "@/tests/support/staff-request";
import { asHeaders, browser, cookieSetByAction, run } from "@/tests/support/staff-sessions";
import { staffFixture } from "@/tests/support/staff-fixture";
import { forEachProvider } from "@/tests/support/test-db";

vi.mock("next/headers", async () => (await import("@/tests/support/staff-request")).nextHeadersMock);
vi.mock("next/cache", async () => (await import("@/tests/support/staff-request")).nextCacheMock);

forEachProvider("staff accounts (issue 11)", (t) => {
  const fixture = staffFixture(t, { lead: false, clearCookies: true });

  describe("authorisation: anonymous -> sign-in, front desk -> 403, admin -> allowed", () => {
    const entries: { name: string; run: (target: SignedInStaff) => Promise<unknown> }[] = [
      { name: "users page", run: () => loadUsersPage() },
      { name: "deactivateStaffUserAction", run: (target) => deactivateStaffUserAction(IDLE, form({ userId: target.id })) },
      { name: "reactivateStaffUserAction", run: (target) => reactivateStaffUserAction(IDLE, form({ userId: target.id })) },
      { name: "resetStaffPasswordAction", run: (target) => resetStaffPasswordAction(IDLE, form({ userId: target.id, password: "temporary horse staple" })) },
      { name: "resetStaffTwoFactorAction", run: (target) => resetStaffTwoFactorAction(IDLE, form({ userId: target.id })) },
    ];
    let target: SignedInStaff;
    beforeAll(async () => {
      target = await createSignedInStaff(t.db, "front_desk", "target");
    });
    for (const entry of entries) {
      it(entry.name, async () => {
        as(null);
        const anonymous = await outcome(() => entry.run(target));
        expect(anonymous.kind === "redirect" && anonymous.to.startsWith("/staff/sign-in")).toBe(true);
        as(fixture.front);
        expect(await outcome(() => entry.run(target))).toEqual({ kind: "forbidden" });
        as(fixture.admin);
        const result = await outcome(() => entry.run(target));
        expect(result.kind).toBe("ok");
        const value = (result as { value: unknown }).value;
        if (typeof value === "object" && value !== null && "status" in value) expect((value as ActionState).status).toBe("ok");
      });
    }

    it("own account pages and actions: anonymous -> sign-in; any staff member may use them", async () => {
      as(null);
      const runs: (() => Promise<unknown>)[] = [() => loadChangePasswordPage({}), () => loadTwoFactorPage(), () => startTwoFactorAction(IDLE, form({ password: "x" }))];
      for (const run of runs) {
        const result = await outcome(run);
        expect(result.kind === "redirect" && result.to.startsWith("/staff/sign-in")).toBe(true);
      }
      as(fixture.front);
      expect((await loadTwoFactorPage()).enabled).toBe(false);
      expect((await loadChangePasswordPage({})).pending).toBeNull();
    });
  });

  it("deactivation: a live session is refused on its next request, sign-in is refused with the message; reactivation restores sign-in", async () => {
    const ana = await createSignedInStaff(t.db, "front_desk", "ana");
    expect(await getStaffUser(ana.headers)).toMatchObject({ id: ana.id });
    expect((await listLeadsRoute(staffRequest("/api/v1/leads", ana.headers))).status).toBe(200);

    as(fixture.admin);
    const state = await run(deactivateStaffUserAction(IDLE, form({ userId: ana.id })));
    expect(state).toMatchObject({ status: "ok" });
    expect(state.message).toContain("deactivated");

    // The same browser, its very next request: no session.
    expect(await getStaffUser(ana.headers)).toBeNull();
    expect((await listLeadsRoute(staffRequest("/api/v1/leads", ana.headers))).status).toBe(401);
    as(ana);
    const page = await outcome(() => loadInboxPage({}));
    expect(page.kind === "redirect" && page.to.startsWith("/staff/sign-in")).toBe(true);
    expect(await t.db.session.count({ where: { userId: ana.id } })).toBe(0);

    // Sign-in: the right password gets the clear message; a wrong one says nothing about the account.
    expect(await signInWithPassword(browser(), ana.email, TEST_PASSWORD)).toEqual({ ok: false, reason: "deactivated" });
    expect(await signInWithPassword(browser(), ana.email, "not the password at all")).toEqual({ ok: false, reason: "invalid_credentials" });
    as(null);
    request.headers = browser();
    expect(await signInAction(IDLE, form({ email: ana.email, password: TEST_PASSWORD }))).toMatchObject({ status: "error", message: DEACTIVATED_MESSAGE });
    expect(await t.db.session.count({ where: { userId: ana.id } })).toBe(0);

    const listed = (await (as(fixture.admin), loadUsersPage())).users.find((u) => u.id === ana.id);
    expect(listed?.deactivatedAt).toBeInstanceOf(Date);

    expect(await reactivateStaffUserAction(IDLE, form({ userId: ana.id }))).toMatchObject({ status: "ok" });
    const again = await signInWithPassword(browser(), ana.email, TEST_PASSWORD);
    expect(again).toMatchObject({ ok: true, twoFactor: false });
    expect(await getStaffUser(new Headers({ cookie: cookieHeaderFrom(again.ok ? again.setCookies : []) }))).toMatchObject({ id: ana.id });

    const events = await t.db.leadEvent.findMany({ where: { actorId: fixture.admin.id, type: { in: ["staff_deactivated", "staff_reactivated"] } } });
    expect(events.filter((e) => (e.data as { userId?: string }).userId === ana.id).map((e) => e.type).sort()).toEqual(["staff_deactivated", "staff_reactivated"]);
    // An admin cannot deactivate themself.
    expect(await deactivateStaffUserAction(IDLE, form({ userId: fixture.admin.id }))).toMatchObject({ status: "conflict" });
  });

  it("reset password: sessions revoked, the temporary password works once, every page sends to the change form until it is changed", async () => {
    const ben = await createSignedInStaff(t.db, "front_desk", "ben");
    const temporary = "temporary staple horse";
    as(fixture.admin);
    const weak = await run(resetStaffPasswordAction(IDLE, form({ userId: ben.id, password: "short" })));
    expect(weak.status).toBe("error");
    expect(weak.fields?.password).toMatch(/at least 12/);
    expect(weak.values?.password).toBeUndefined(); // never echoed
    expect(await resetStaffPasswordAction(IDLE, form({ userId: ben.id, password: temporary }))).toMatchObject({ status: "ok" });
    expect(await getStaffUser(ben.headers)).toBeNull();
    expect(await signInWithPassword(browser(), ben.email, TEST_PASSWORD)).toEqual({ ok: false, reason: "invalid_credentials" });

    const signedIn = asHeaders(ben, await signIn(t.db, ben.email, temporary));
    expect(await checkStaffAccess(signedIn.headers)).toEqual({ ok: false, reason: "pending", step: "change_password" });
    as(signedIn);
    expect(await outcome(() => loadInboxPage({}))).toEqual({ kind: "redirect", to: "/staff/account/password" });
    expect(await outcome(() => loadTwoFactorPage())).toEqual({ kind: "redirect", to: "/staff/account/password" });
    const api = await listLeadsRoute(staffRequest("/api/v1/leads", signedIn.headers));
    expect(api.status).toBe(403);
    expect(((await api.json()) as { error: { message: string } }).error.message).toMatch(/temporary password/);
    expect((await loadChangePasswordPage({})).pending).toBe("change_password");

    const wrong = await run(changeOwnPasswordAction(IDLE, form({ currentPassword: "wrong password here", newPassword: "my own new password", confirmPassword: "my own new password" })));
    expect(wrong.fields).toEqual({ currentPassword: "That is not your current password." });
    const mismatch = await run(changeOwnPasswordAction(IDLE, form({ currentPassword: temporary, newPassword: "my own new password", confirmPassword: "my own new passw0rd" })));
    expect(mismatch.fields?.confirmPassword).toBe("The two new passwords are not the same.");
    const same = await run(changeOwnPasswordAction(IDLE, form({ currentPassword: temporary, newPassword: temporary, confirmPassword: temporary })));
    expect(same.fields?.newPassword).toBe("Choose a new password, not the current one.");

    const changed = await outcome(() => changeOwnPasswordAction(IDLE, form({ currentPassword: temporary, newPassword: "my own new password", confirmPassword: "my own new password" })));
    expect(changed).toEqual({ kind: "redirect", to: "/staff/account/password?changed=1" });
    const fresh = asHeaders(ben, cookieSetByAction());
    expect(await checkStaffAccess(fresh.headers)).toMatchObject({ ok: true });
    as(fresh);
    expect((await outcome(() => loadInboxPage({}))).kind).toBe("ok");
    expect(await signInWithPassword(browser(), ben.email, temporary)).toEqual({ ok: false, reason: "invalid_credentials" });
    expect(await signInWithPassword(browser(), ben.email, "my own new password")).toMatchObject({ ok: true });
    expect(await t.db.leadEvent.count({ where: { type: "staff_password_reset", actorId: fixture.admin.id } })).toBeGreaterThanOrEqual(1);
    expect(await t.db.leadEvent.count({ where: { type: "staff_password_changed", actorId: ben.id } })).toBe(1);
  });

  it("role change and the last active admin: cannot be demoted or deactivated, also when two admins act at once", async () => {
    const eve = await createSignedInStaff(t.db, "front_desk", "eve");
    as(fixture.admin);
    expect(await setStaffRoleAction(IDLE, form({ userId: eve.id, role: "admin" }))).toMatchObject({ status: "ok" });
    expect(await checkStaffAccess(eve.headers, "admin")).toMatchObject({ ok: true });
    expect(await setStaffRoleAction(IDLE, form({ userId: eve.id, role: "front_desk" }))).toMatchObject({ status: "ok" });
    expect(await checkStaffAccess(eve.headers, "admin")).toEqual({ ok: false, reason: "forbidden" });

    // Leave exactly two active admins: `admin` and `other`.
    const other = await createSignedInStaff(t.db, "admin", "other");
    const spare = await createStaffUser(t.db, { email: `spare.${other.id.slice(0, 6)}@test.clinic`, password: TEST_PASSWORD, role: "admin" });
    for (const u of await t.db.user.findMany({ where: { role: "admin", deactivatedAt: null, id: { notIn: [fixture.admin.id, other.id] } } })) {
      await deactivateStaffUser(t.db, fixture.admin.id, u.id);
    }
    // Each removes the other at the same moment: exactly one succeeds.
    const results = await Promise.allSettled([setStaffRole(t.db, other.id, fixture.admin.id, "front_desk"), deactivateStaffUser(t.db, fixture.admin.id, other.id)]);
    const refused = results.filter((r) => r.status === "rejected");
    expect(refused).toHaveLength(1);
    expect((refused[0] as PromiseRejectedResult).reason).toBeInstanceOf(ConflictError);
    expect(((refused[0] as PromiseRejectedResult).reason as ConflictError).reason).toBe("last_admin");
    const active = await t.db.user.findMany({ where: { role: "admin", deactivatedAt: null } });
    expect(active).toHaveLength(1);
    const last = active[0];
    if (!last) throw new Error("no admin left");

    // The last one: the actions answer with the clear message.
    const lastAdmin = asHeaders({ ...fixture.admin, id: last.id, email: last.email }, await signIn(t.db, last.email));
    as(lastAdmin);
    const demote = await run(setStaffRoleAction(IDLE, form({ userId: last.id, role: "front_desk" })));
    expect(demote).toMatchObject({ status: "conflict" });
    expect(demote.message).toMatch(/only active admin/);
    await expect(deactivateStaffUser(t.db, eve.id, last.id)).rejects.toMatchObject({ reason: "last_admin" });
    // A deactivated admin does not count: reactivating one makes the demotion possible again.
    expect(await reactivateStaffUserAction(IDLE, form({ userId: spare.id }))).toMatchObject({ status: "ok" });
    expect(await setStaffRole(t.db, last.id, spare.id, "admin")).toMatchObject({ role: "admin" });
  });
});
