import type { Metadata } from "next";

import {
  createStaffUserAction,
  deactivateStaffUserAction,
  reactivateStaffUserAction,
  resetStaffPasswordAction,
  resetStaffTwoFactorAction,
  setStaffRoleAction,
} from "@/app/staff/users/actions";
import { signOutAction } from "@/app/staff/sign-in/actions";
import { StaffShell } from "@/components/staff/StaffShell";
import { CreateStaffUserForm, ResetPasswordForm, RoleForm, UserButtonForm } from "@/components/staff/StaffUserForms";
import styles from "@/components/staff/staff.module.css";
import { formatDateTime } from "@/lib/workspace/format";
import { loadUsersPage } from "@/lib/workspace/page-loaders";

export const metadata: Metadata = { title: "Staff accounts · staff", robots: { index: false } };

/** The table's column names: its header row, and the labels of each card on a phone. */
const COLUMNS = { name: "Name", email: "Email", since: "Since", status: "Status", role: "Role", account: "Account" } as const;

export default async function StaffUsersPage() {
  const { user, users, requireTwoFactorForAdmins } = await loadUsersPage();
  return (
    <StaffShell user={user} current="users" signOut={signOutAction}>
      <h1>Staff accounts</h1>
      <section className={styles.panel} aria-labelledby="new-user-heading">
        <h2 id="new-user-heading">New account</h2>
        <CreateStaffUserForm action={createStaffUserAction} />
      </section>
      <p className={styles.hint}>
        Deactivating signs the person out at once and refuses their sign-in until you reactivate them; their notes and history stay.
        {requireTwoFactorForAdmins ? " The clinic requires two-factor sign-in for admins (Clinic settings)." : ""}
      </p>
      <div className={styles.tableWrap}>
        <table className={`${styles.table} ${styles.cardTable}`} role="table">
          <caption>Everyone who can sign in to the staff area</caption>
          <thead role="rowgroup">
            <tr role="row">
              <th scope="col" role="columnheader">{COLUMNS.name}</th>
              <th scope="col" role="columnheader">{COLUMNS.email}</th>
              <th scope="col" role="columnheader">{COLUMNS.since}</th>
              <th scope="col" role="columnheader">{COLUMNS.status}</th>
              <th scope="col" role="columnheader">{COLUMNS.role}</th>
              <th scope="col" role="columnheader">{COLUMNS.account}</th>
            </tr>
          </thead>
          <tbody role="rowgroup">
            {users.map((u) => {
              const self = u.id === user.id;
              return (
                <tr key={u.id} role="row">
                  <th scope="row" role="rowheader">
                    {u.name}
                    {self ? " (you)" : ""}
                  </th>
                  <td role="cell" data-label={COLUMNS.email}>{u.email}</td>
                  <td role="cell" data-label={COLUMNS.since}>{formatDateTime(u.createdAt)}</td>
                  <td role="cell" data-label={COLUMNS.status}>
                    <div>{u.deactivatedAt ? <strong>Deactivated {formatDateTime(u.deactivatedAt)}</strong> : "Active"}</div>
                    <div>{u.twoFactorEnabled ? "Two-factor on" : "Two-factor off"}</div>
                    {u.mustChangePassword ? <div>Temporary password</div> : null}
                  </td>
                  <td role="cell" data-label={COLUMNS.role}>
                    <RoleForm action={setStaffRoleAction} userId={u.id} name={u.name} role={u.role} />
                  </td>
                  <td role="cell" data-label={COLUMNS.account}>
                    {self ? (
                      <a href="/staff/account/password">Your password and two-factor sign-in</a>
                    ) : (
                      <>
                        {u.deactivatedAt ? (
                          <UserButtonForm action={reactivateStaffUserAction} userId={u.id} label="Reactivate" pendingLabel="Reactivating…" accessibleLabel={`Reactivate ${u.name}`} />
                        ) : (
                          <UserButtonForm action={deactivateStaffUserAction} userId={u.id} label="Deactivate" pendingLabel="Deactivating…" accessibleLabel={`Deactivate ${u.name}`} />
                        )}
                        <ResetPasswordForm action={resetStaffPasswordAction} userId={u.id} name={u.name} />
                        {u.twoFactorEnabled ? (
                          <UserButtonForm
                            action={resetStaffTwoFactorAction}
                            userId={u.id}
                            label="Remove two-factor"
                            pendingLabel="Removing…"
                            accessibleLabel={`Remove two-factor sign-in of ${u.name} (lost phone)`}
                          />
                        ) : null}
                      </>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </StaffShell>
  );
}
