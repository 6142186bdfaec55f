/** Better Auth's own routes answer another site's Origin in the contract's shape (issue 23 item 5). */
import { POST as authPost } from "@/app/api/auth/[...all]/route";
import { closeDb } from "@/lib/db/client";
import { PEER_ADDRESS_HEADER } from "@/lib/http/client-ip";
import { createSignedInStaff, TEST_PASSWORD } from "@/tests/support/staff-auth";
import { BASE_URL } from "@/tests/support/staff-leads";
import { forEachProvider } from "@/tests/support/test-db";

function signIn(email: string, origin: string | null): Request {
  const headers: Record<string, string> = { "content-type": "application/json", [PEER_ADDRESS_HEADER]: "198.51.100.77" };
  if (origin !== null) headers.origin = origin;
  return new Request(`${BASE_URL}/api/auth/sign-in/email`, { method: "POST", headers, body: JSON.stringify({ email, password: TEST_PASSWORD }) });
}

forEachProvider("Better Auth routes and a foreign Origin", (t) => {
  beforeAll(() => {
    process.env.DATABASE_URL = t.url;
  });
  afterAll(async () => {
    await closeDb();
  });

  it("a foreign or null Origin is the contract's 403 body (not Better Auth's INVALID_ORIGIN), and no session is made", async () => {
    const staff = await createSignedInStaff(t.db, "front_desk");
    const sessionsBefore = await t.db.session.count();
    for (const origin of ["https://evil.example", "null"]) {
      const response = await authPost(signIn(staff.email, origin));
      expect(response.status, origin).toBe(403);
      expect(response.headers.get("cache-control")).toBe("no-store");
      expect(response.headers.get("set-cookie")).toBeNull();
      expect(await response.json()).toEqual({ error: { code: "FORBIDDEN", message: "This request came from another website and was refused." } });
    }
    expect(await t.db.session.count()).toBe(sessionsBefore);
    const ok = await authPost(signIn(staff.email, BASE_URL));
    expect(ok.status).toBe(200);
  });
});
