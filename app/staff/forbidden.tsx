import type { Metadata } from "next";
import Link from "next/link";

import styles from "@/components/staff/staff.module.css";

// Next adds <meta name="robots" content="noindex"> to every 403 itself.
export const metadata: Metadata = { title: "No access · staff" };

/**
 * What a signed-in staff member sees, with HTTP 403, when their role does not allow a staff page or
 * action: requireStaff (lib/staff/require-staff.ts) calls forbidden() from next/navigation.
 * forbidden.js takes no props, so it cannot show the staff navigation; the link leads back.
 */
export default function StaffForbidden() {
  return (
    <main id="main" className={styles.signIn} aria-labelledby="forbidden-title">
      <h1 id="forbidden-title">You don’t have access to this page</h1>
      <p>This part of the staff area is for the clinic admin. If you need it, ask the admin to change your role.</p>
      <p>
        <Link href="/staff">Back to the inbox</Link>
      </p>
    </main>
  );
}
