/**
 * The staff integration tests' common set-up, once per provider block: the app's database pointed
 * at the test database (getDb() follows DATABASE_URL), the clinic cache emptied (the block's
 * database is a fresh one), a signed-in admin, a signed-in front-desk user and, unless asked not
 * to, one stored inquiry; the app's client closed afterwards.
 *
 *   forEachProvider("staff leads API", (t) => {
 *     const fixture = staffFixture(t);
 *     it("...", async () => { await getRoute(staffRequest(`/api/v1/leads/${fixture.leadId}`, fixture.front.headers), ...) });
 *   });
 *
 * The block's own beforeAll hooks, registered after this call, run after it (and may read the fixture).
 */
import { invalidateClinicCache } from "@/lib/clinic/store";
import { closeDb } from "@/lib/db/client";

import { createSignedInStaff, type SignedInStaff } from "./staff-auth";
import { storeLead } from "./staff-leads";
import { request } from "./staff-request";
import type { ProviderContext } from "./test-db";

export interface StaffFixture {
  /** Valid inside tests and hooks (after the block's beforeAll). */
  readonly admin: SignedInStaff;
  readonly front: SignedInStaff;
  /** One inquiry stored through createLead, as a patient would (not with `{ lead: false }`). */
  readonly leadId: string;
}

export interface StaffFixtureOptions {
  /** Store the one inquiry (default true). */
  readonly lead?: boolean;
  /** Forget the cookies the previous test's actions set (request.setCookies) before each test (default false). */
  readonly clearCookies?: boolean;
}

/** Registers the block's beforeAll / beforeEach / afterAll; call inside forEachProvider. */
export function staffFixture(t: ProviderContext, options: StaffFixtureOptions = {}): StaffFixture {
  const { lead = true, clearCookies = false } = options;
  const fixture: { admin?: SignedInStaff; front?: SignedInStaff; leadId?: string } = {};
  beforeAll(async () => {
    process.env.DATABASE_URL = t.url;
    invalidateClinicCache();
    fixture.admin = await createSignedInStaff(t.db, "admin");
    fixture.front = await createSignedInStaff(t.db, "front_desk");
    if (lead) fixture.leadId = await storeLead(t.db);
  });
  if (clearCookies) {
    beforeEach(() => {
      request.setCookies.clear();
    });
  }
  afterAll(async () => {
    await closeDb();
  });
  const ready = <T>(value: T | undefined, name: string): T => {
    if (value === undefined) {
      throw new Error(`staffFixture: ${name} is read before the block's beforeAll ran${name === "leadId" && !lead ? " (or with { lead: false })" : ""}`);
    }
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
