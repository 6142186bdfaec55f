/**
 * The staff integration tests' common set-up, once per provider block: the app's database pointed
 * at the test database (getDb() follows DATABASE_URL), a signed-in admin, a signed-in front-desk
 * user and one stored inquiry; the app's client closed afterwards.
 *
 *   forEachProvider("staff leads API", (t) => {
 *     const fixture = staffFixture(t);
 *     it("...", async () => { await getRoute(staffRequest(`/api/v1/leads/${fixture.leadId}`, fixture.front.headers), ...) });
 *   });
 */
import { closeDb } from "@/lib/db/client";

import { createSignedInStaff, type SignedInStaff } from "./staff-auth";
import { storeLead } from "./staff-leads";
import type { ProviderContext } from "./test-db";

export interface StaffFixture {
  /** Valid inside tests and hooks (after the block's beforeAll). */
  readonly admin: SignedInStaff;
  readonly front: SignedInStaff;
  /** One inquiry stored through createLead, as a patient would. */
  readonly leadId: string;
}

/** Registers the block's beforeAll / afterAll; call inside forEachProvider. */
export function staffFixture(t: ProviderContext): StaffFixture {
  const fixture: { admin?: SignedInStaff; front?: SignedInStaff; leadId?: string } = {};
  beforeAll(async () => {
    process.env.DATABASE_URL = t.url;
    fixture.admin = await createSignedInStaff(t.db, "admin");
    fixture.front = await createSignedInStaff(t.db, "front_desk");
    fixture.leadId = await storeLead(t.db);
  });
  afterAll(async () => {
    await closeDb();
  });
  const ready = <T>(value: T | undefined, name: string): T => {
    if (value === undefined) throw new Error(`staffFixture: ${name} is read before the block's beforeAll ran`);
    return value;
  };
  return {
    get admin() {
      return ready(fixture.admin, "admin");
    },
    get front() {
      return ready(fixture.front, "front");
    },
    get leadId() {
      return ready(fixture.leadId, "leadId");
    },
  };
}
