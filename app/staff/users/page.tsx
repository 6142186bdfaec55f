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
        <table className={styles.table}>
          <caption>Everyone who can sign in to the staff area</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Since</th>
              <th scope="col">Status</th>
              <th scope="col">Role</th>
              <th scope="col">Account</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => {
              const self = u.id === user.id;
              return (
                <tr key={u.id}>
                  <th scope="row">
                    {u.name}
                    {self ? " (you)" : ""}
                  </th>
                  <td>{u.email}</td>
                  <td>{formatDateTime(u.createdAt)}</td>
                  <td>
                    <div>{u.deactivatedAt ? <strong>Deactivated {formatDateTime(u.deactivatedAt)}</strong> : "Active"}</div>
                    <div>{u.twoFactorEnabled ? "Two-factor on" : "Two-factor off"}</div>
                    {u.mustChangePassword ? <div>Temporary password</div> : null}
                  </td>
                  <td>
                    <RoleForm action={setStaffRoleAction} userId={u.id} name={u.name} role={u.role} />
                  </td>
                  <td>
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
