import type { Metadata } from "next";

import { createStaffUserAction, setStaffRoleAction } from "@/app/staff/actions";
import { StaffShell } from "@/components/staff/StaffShell";
import { CreateStaffUserForm, RoleForm } from "@/components/staff/StaffUserForms";
import styles from "@/components/staff/staff.module.css";
import { formatDateTime } from "@/lib/workspace/format";
import { loadUsersPage } from "@/lib/workspace/page-loaders";

export const metadata: Metadata = { title: "Staff accounts · staff", robots: { index: false } };

export default async function StaffUsersPage() {
  const { user, users } = await loadUsersPage();
  return (
    <StaffShell user={user} current="users">
      <h1>Staff accounts</h1>
      <section className={styles.panel} aria-labelledby="new-user-heading">
        <h2 id="new-user-heading">New account</h2>
        <CreateStaffUserForm action={createStaffUserAction} />
      </section>
      <div className={styles.tableWrap}>
        <table className={styles.table}>
          <caption>Everyone who can sign in to the staff area</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Since</th>
              <th scope="col">Role</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id}>
                <th scope="row">
                  {u.name}
                  {u.id === user.id ? " (you)" : ""}
                </th>
                <td>{u.email}</td>
                <td>{formatDateTime(u.createdAt)}</td>
                <td>
                  <RoleForm action={setStaffRoleAction} userId={u.id} name={u.name} role={u.role} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </StaffShell>
  );
}
