import { InviteForm } from "@/components/settings/invite-form";
import { RemoveUserButton, UserRoleSelect } from "@/components/settings/user-actions";
import { PageHead } from "@/components/ui/page-head";
import { Refused } from "@/components/ui/refused";
import { pageActor } from "@/lib/auth/page-actor";
import { hasRole } from "@/lib/auth/roles";
import { formatDateTime } from "@/lib/format";
import { listUsers } from "@/lib/users/invite-user";

export const dynamic = "force-dynamic";

export default async function SettingsPage() {
  const actor = await pageActor();
  if (!hasRole(actor, "admin")) return <Refused what="the settings" />;
  const users = await listUsers();
  return (
    <>
      <PageHead title="Settings" />
      <section className="panel">
        <h2>Invite someone</h2>
        <p className="muted" style={{ marginTop: 0 }}>
          Members read and edit syncs; admins also manage sources, credentials, destinations and users.
        </p>
        <InviteForm />
      </section>
      <section className="panel">
        <h2>Users</h2>
        <table data-testid="users">
          <thead>
            <tr>
              <th>Email</th>
              <th>Name</th>
              <th>Role</th>
              <th>Joined</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {users.map((user) => (
              <tr key={user.id}>
                <td>
                  {user.email} {user.id === actor.userId && <span className="muted small">(you)</span>}
                </td>
                <td>{user.name || "—"}</td>
                <td>{user.id === actor.userId ? <span className="badge">{user.role}</span> : <UserRoleSelect user={user} />}</td>
                <td>{formatDateTime(user.createdAt)}</td>
                <td>{user.id !== actor.userId && <RemoveUserButton user={user} />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
