import { GET as authGet, POST as authPost } from "@/app/api/auth/[...all]/route";
import { closeDb } from "@/lib/db/client";
import { SESSION_EXPIRES_IN_SECONDS, SIGN_IN_RATE_LIMIT } from "@/lib/staff/auth";
import { checkStaffAccess, getStaffUser } from "@/lib/staff/require-staff";
import { signInWithPassword } from "@/lib/staff/sign-in";
import { ConflictError, DomainError, InvalidError } from "@/lib/errors";
import { createStaffUser, listStaffUsers, setStaffRole } from "@/lib/staff/users";
import { anonymousHeaders, createSignedInStaff, TEST_PASSWORD } from "@/tests/support/staff-auth";
import { BASE_URL } from "@/tests/support/staff-leads";
import { forEachProvider } from "@/tests/support/test-db";
import { PEER_ADDRESS_HEADER } from "@/lib/http/client-ip";

function authRequest(path: string, body: unknown, ip: string): Request {
  return new Request(`${BASE_URL}/api/auth${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: BASE_URL, [PEER_ADDRESS_HEADER]: ip },
    body: JSON.stringify(body),
  });
}

function getStaffAuthSession(cookie: string): Promise<Response> {
  return authGet(new Request(`${BASE_URL}/api/auth/get-session`, { headers: { cookie, origin: BASE_URL } }));
}

/** The domain error each failure of the account functions is (lib/errors.ts), with its reason and field. */
const EXPECTED = {
  invalid_input: { type: InvalidError, reason: undefined },
  duplicate_email: { type: InvalidError, reason: "duplicate_email" },
  last_admin: { type: ConflictError, reason: "last_admin" },
} as const;

async function expectAccountError(promise: Promise<unknown>, code: keyof typeof EXPECTED, field?: string): Promise<void> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(EXPECTED[code].type);
  expect((error as DomainError).reason).toBe(EXPECTED[code].reason);
  if (field) expect((error as InvalidError).fields.has(field)).toBe(true);
}

forEachProvider("staff auth", (t) => {
  beforeAll(() => {
    process.env.DATABASE_URL = t.url;
  });
  afterAll(async () => {
    await closeDb();
  });

  it("signs in a created user and reads the session with its role", async () => {
    const admin = await createSignedInStaff(t.db, "admin");
    expect(await getStaffUser(admin.headers)).toMatchObject({ id: admin.id, role: "admin", email: admin.email });
    expect(await getStaffUser(anonymousHeaders())).toBeNull();
    expect(await checkStaffAccess(admin.headers, "admin")).toMatchObject({ ok: true });
  });

  it("roles: front desk is not admin; a role change applies on the next request", async () => {
    const front = await createSignedInStaff(t.db, "front_desk");
    const admin = await createSignedInStaff(t.db, "admin");
    expect(await checkStaffAccess(front.headers, "front_desk")).toMatchObject({ ok: true });
    expect(await checkStaffAccess(front.headers, "admin")).toEqual({ ok: false, reason: "forbidden" });
    expect(await checkStaffAccess(anonymousHeaders(), "front_desk")).toEqual({ ok: false, reason: "anonymous" });
    await setStaffRole(t.db, admin.id, front.id, "admin");
    expect(await checkStaffAccess(front.headers, "admin")).toMatchObject({ ok: true });
    expect(await t.db.leadEvent.count({ where: { type: "staff_role_changed", actorId: admin.id } })).toBe(1);
  });

  it("the last admin cannot be demoted", async () => {
    const admins = (await listStaffUsers(t.db)).filter((u) => u.role === "admin");
    for (const extra of admins.slice(1)) await setStaffRole(t.db, extra.id, extra.id, "front_desk");
    const last = admins[0];
    if (!last) throw new Error("no admin");
    await expectAccountError(setStaffRole(t.db, last.id, last.id, "front_desk"), "last_admin");
    await expectAccountError(setStaffRole(t.db, last.id, last.id, "owner"), "invalid_input", "role");
  });

  it("session cookie: HttpOnly, SameSite=Lax, 8 hours", async () => {
    await createStaffUser(t.db, { email: "cookie@test.clinic", password: TEST_PASSWORD, role: "front_desk" });
    const res = await authPost(authRequest("/sign-in/email", { email: "cookie@test.clinic", password: TEST_PASSWORD }, "198.51.100.20"));
    expect(res.status).toBe(200);
    const cookie = res.headers.getSetCookie().find((c) => c.includes("session_token"));
    expect(cookie).toBeDefined();
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toContain(`Max-Age=${SESSION_EXPIRES_IN_SECONDS}`);
    expect(cookie?.startsWith("smp-staff.session_token=")).toBe(true);
  });

  it("a wrong password is refused; sign-in is rate limited per IP with Retry-After", async () => {
    await createStaffUser(t.db, { email: "limited@test.clinic", password: TEST_PASSWORD, role: "front_desk" });
    const ip = `192.0.2.${Math.floor(Math.random() * 200) + 1}`;
    const statuses: number[] = [];
    for (let i = 0; i < SIGN_IN_RATE_LIMIT.max; i++) {
      statuses.push((await authPost(authRequest("/sign-in/email", { email: "limited@test.clinic", password: "wrong password!!" }, ip))).status);
    }
    expect(statuses).toEqual(Array.from({ length: SIGN_IN_RATE_LIMIT.max }, () => 401));
    const limited = await authPost(authRequest("/sign-in/email", { email: "limited@test.clinic", password: TEST_PASSWORD }, ip));
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    // The sign-in page's path (through the handler) is limited by the same counter.
    const viaPage = await signInWithPassword(new Headers({ [PEER_ADDRESS_HEADER]: ip }), "limited@test.clinic", TEST_PASSWORD);
    expect(viaPage).toMatchObject({ ok: false, reason: "rate_limited" });
    // Another address is not affected.
    const other = await signInWithPassword(new Headers({ [PEER_ADDRESS_HEADER]: "203.0.113.99" }), "limited@test.clinic", TEST_PASSWORD);
    expect(other.ok).toBe(true);
  });

  it("public sign-up is not served, and a role can never come from sign-up input", async () => {
    const res = await authPost(
      authRequest("/sign-up/email", { email: "intruder@test.clinic", password: TEST_PASSWORD, name: "X", role: "admin" }, "198.51.100.30"),
    );
    expect(res.status).toBe(404);
    expect(await t.db.user.count({ where: { email: "intruder@test.clinic" } })).toBe(0);
  });

  it("only sign-in, its two-factor step, sign-out and the session are served over HTTP: Better Auth's other routes (which skip the app's policy and audit) answer 404", async () => {
    const staff = await createSignedInStaff(t.db, "front_desk", "routes");
    const signedIn = (path: string, body: unknown) =>
      new Request(`${BASE_URL}/api/auth${path}`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: BASE_URL, cookie: staff.cookie, [PEER_ADDRESS_HEADER]: "198.51.100.31" },
        body: JSON.stringify(body),
      });
    const before = await t.db.account.findFirstOrThrow({ where: { userId: staff.id } });
    for (const [path, body] of [
      ["/change-password", { currentPassword: TEST_PASSWORD, newPassword: "another-long-password-2026" }],
      ["/two-factor/enable", { password: TEST_PASSWORD }],
      ["/two-factor/generate-backup-codes", { password: TEST_PASSWORD }],
      ["/update-user", { name: "Renamed" }],
    ] as const) {
      const res = await authPost(signedIn(path, body));
      expect(res.status, path).toBe(404);
      expect(await res.json()).toEqual({ error: { code: "NOT_FOUND", message: "There is no such sign-in route." } });
    }
    const after = await t.db.account.findFirstOrThrow({ where: { userId: staff.id } });
    expect(after.password).toBe(before.password);
    expect(await t.db.user.findUniqueOrThrow({ where: { id: staff.id } })).toMatchObject({ name: "Test routes", twoFactorEnabled: false });
    expect(await t.db.twoFactor.count({ where: { userId: staff.id } })).toBe(0);

    // The served ones still answer.
    const session = await getStaffAuthSession(staff.cookie);
    expect(session.status).toBe(200);
    expect((await authPost(signedIn("/sign-out", {}))).status).toBe(200);
  });

  it("user creation: bad email, weak password, bad role, duplicate; hashes through Better Auth", async () => {
    await expectAccountError(createStaffUser(t.db, { email: "not-an-email", password: TEST_PASSWORD, role: "admin" }), "invalid_input", "email");
    await expectAccountError(createStaffUser(t.db, { email: "a@test.clinic", password: "short", role: "admin" }), "invalid_input", "password");
    await expectAccountError(createStaffUser(t.db, { email: "a@test.clinic", password: "aaaaaaaaaaaaaaaa", role: "admin" }), "invalid_input", "password");
    await expectAccountError(createStaffUser(t.db, { email: "a@test.clinic", password: "x".repeat(129), role: "admin" }), "invalid_input", "password");
    await expectAccountError(createStaffUser(t.db, { email: "a@test.clinic", password: TEST_PASSWORD, role: "owner" }), "invalid_input", "role");
    const created = await createStaffUser(t.db, { email: "Dup@Test.Clinic", password: TEST_PASSWORD, role: "front_desk" });
    expect(created.email).toBe("dup@test.clinic");
    await expectAccountError(createStaffUser(t.db, { email: "dup@test.clinic", password: TEST_PASSWORD, role: "admin" }), "duplicate_email", "email");
    const account = await t.db.account.findFirstOrThrow({ where: { userId: created.id } });
    expect(account.providerId).toBe("credential");
    expect(account.password).not.toContain(TEST_PASSWORD);
    expect(await signInWithPassword(new Headers({ [PEER_ADDRESS_HEADER]: "203.0.113.50" }), "dup@test.clinic", TEST_PASSWORD)).toMatchObject({ ok: true });
  });
});
