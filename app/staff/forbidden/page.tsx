import type { Metadata } from "next";
import Link from "next/link";

import styles from "@/components/staff/staff.module.css";

export const metadata: Metadata = { title: "No access · staff", robots: { index: false } };

/** Where requireStaff sends a signed-in staff member whose role does not allow the page (HTTP 403 for the API). */
export default function StaffForbiddenPage() {
  return (
    <main id="main" className={styles.signIn}>
      <h1>You don’t have access to this page</h1>
      <p>This part of the staff area is for the clinic admin. If you need it, ask the admin to change your role.</p>
      <p>
        <Link href="/staff">Back to the inbox</Link>
      </p>
    </main>
  );
}
