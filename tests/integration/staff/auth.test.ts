import { forEachProvider } from "@/tests/support/test-db";
import { anonymousHeaders, createSignedInStaff, TEST_PASSWORD } from "@/tests/support/staff-auth";
import { closeDb } from "@/lib/db/client";
import { getStaffAuth } from "@/lib/staff/auth";
import { getStaffUser } from "@/lib/staff/require-staff";
import { signInWithPassword } from "@/lib/staff/sign-in";
import { createStaffUser, StaffUserError } from "@/lib/staff/users";

forEachProvider("staff auth", (t) => {
  beforeAll(() => {
    process.env.DATABASE_URL = t.url;
  });
  afterAll(async () => {
    await closeDb();
  });

  it("signs in a created user and reads the session with its role", async () => {
    const admin = await createSignedInStaff(t.db, "admin");
    const user = await getStaffUser(admin.headers);
    expect(user).toMatchObject({ id: admin.id, role: "admin", email: admin.email });
    expect(await getStaffUser(anonymousHeaders())).toBeNull();
  });
});
