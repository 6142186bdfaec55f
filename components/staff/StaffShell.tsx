import Link from "next/link";
import type { ReactNode } from "react";

import type { StaffUser } from "@/lib/staff/require-staff";
import { roleAllows, STAFF_ROLE_LABELS } from "@/lib/staff/roles";

import styles from "./staff.module.css";

export type StaffSection = "inbox" | "agenda" | "consultations" | "prices" | "users" | "clinic" | "embed" | "lead" | "data" | "dashboard" | "audit" | "account" | "integrations";

/** The staff area's frame: navigation (admin links only for admins), who is signed in, sign out. */
/**
 * `nav={false}`: a sign-in step is pending (forced password change, required two-factor): the other pages would send the person back.
 * `signOut`: the sign-out action (app/staff/sign-in/actions.ts), given by the page: a component does not reach into app/.
 */
export function StaffShell({
  user,
  current,
  nav = true,
  signOut,
  children,
}: {
  user: StaffUser;
  current: StaffSection;
  nav?: boolean;
  signOut: () => Promise<void>;
  children: ReactNode;
}) {
  const links: { href: string; label: string; section: StaffSection; admin: boolean }[] = [
    { href: "/staff", label: "Inbox", section: "inbox", admin: false },
    { href: "/staff/agenda", label: "Agenda", section: "agenda", admin: false },
    { href: "/staff/prices", label: "Price table", section: "prices", admin: true },
    { href: "/staff/users", label: "Staff accounts", section: "users", admin: true },
    { href: "/staff/clinic", label: "Clinic", section: "clinic", admin: true },
    { href: "/staff/consultations", label: "Consultations", section: "consultations", admin: true },
    { href: "/staff/embed", label: "Add to your website", section: "embed", admin: true },
    { href: "/staff/dashboard", label: "Dashboard", section: "dashboard", admin: true },
    { href: "/staff/data-protection", label: "Data protection", section: "data", admin: true },
    { href: "/staff/audit", label: "Audit log", section: "audit", admin: true },
    { href: "/staff/integrations", label: "Integrations", section: "integrations", admin: true },
  ];
  return (
    <div className={styles.shell}>
      <header className={styles.topbar}>
        <Link className={styles.brand} href="/staff">
          SMP inquiries · staff
        </Link>
        {nav ? (
        <nav aria-label="Staff">
          <ul className={styles.nav}>
            {links
              .filter((l) => !l.admin || roleAllows(user.role, "admin"))
              .map((l) => (
                <li key={l.href}>
                  <Link href={l.href} aria-current={current === l.section ? "page" : undefined}>
                    {l.label}
                  </Link>
                </li>
              ))}
          </ul>
        </nav>
        ) : null}
        <div className={styles.who}>
          <span>
            <Link href="/staff/account/two-factor" aria-current={current === "account" ? "page" : undefined} aria-label={`Your account: ${user.name}`}>
              {user.name}
            </Link>{" "}
            <span className={styles.muted}>({STAFF_ROLE_LABELS[user.role]})</span>
          </span>
          <form action={signOut}>
            <button type="submit" className={styles.buttonSecondary}>
              Sign out
            </button>
          </form>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
