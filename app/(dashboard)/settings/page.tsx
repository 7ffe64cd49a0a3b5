import { AlertsSection } from "@/components/settings/alerts-section";
import { AuditRetentionSection } from "@/components/settings/audit-retention-section";
import { InviteForm } from "@/components/settings/invite-form";
import { ApiTokenForm } from "@/components/settings/api-token-form";
import { PrivateDestinationsForm } from "@/components/settings/private-destinations-form";
import { RemoveUserButton, RevokeInviteButton, RevokeTokenButton, UserRoleSelect } from "@/components/settings/settings-actions";
import { PageHead } from "@/components/ui/page-head";
import { Refused } from "@/components/ui/refused";
import { pageActor } from "@/lib/auth/page-actor";
import { listApiTokens } from "@/lib/auth/api-tokens";
import { hasRole } from "@/lib/auth/roles";
import { formatDateTime } from "@/lib/format";
import { privateDestinationsSetting } from "@/lib/settings/settings";
import { listOpenInvites } from "@/lib/users/invite-user";
import { listUsers } from "@/lib/users/list-users";

export const dynamic = "force-dynamic";

export default async function SettingsPage() {
  const actor = await pageActor();
  if (!hasRole(actor, "admin")) return <Refused what="the settings" />;
  const [users, invites, tokens, privateDestinations] = await Promise.all([listUsers(), listOpenInvites(), listApiTokens(), privateDestinationsSetting()]);
  return (
    <>
      <PageHead title="Settings" />
      <section className="panel">
        <h2>Invite someone</h2>
        <p className="muted" style={{ marginTop: 0 }}>
          Members read and edit syncs; admins also manage sources, credentials, destinations and users.
        </p>
        <InviteForm />
        {invites.length > 0 && (
          <table data-testid="open-invites" style={{ marginTop: "1rem" }}>
            <caption className="muted small" style={{ textAlign: "left" }}>
              Open invitations
            </caption>
            <thead>
              <tr>
                <th>Email</th>
                <th>Role</th>
                <th>Invited by</th>
                <th>Expires</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {invites.map((invite) => (
                <tr key={invite.id}>
                  <td>{invite.email}</td>
                  <td>{invite.role}</td>
                  <td>{invite.invitedBy.email}</td>
                  <td>{formatDateTime(invite.expiresAt)}</td>
                  <td>
                    <RevokeInviteButton invite={invite} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
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
      <section className="panel" id="private-destinations">
        <h2>Private destinations</h2>
        <p className="muted" style={{ marginTop: 0 }}>
          Destination URLs on loopback (<code>localhost</code>, <code>127.0.0.1</code>) or private networks, such as a receiver on your own machine
          while you try Tidewater. Cloud-metadata addresses are always refused.
        </p>
        <PrivateDestinationsForm allowed={privateDestinations.allowed} byEnvironment={privateDestinations.byEnvironment} />
      </section>
      <AlertsSection />
      <AuditRetentionSection />
      <section className="panel">
        <h2>API tokens</h2>
        <p className="muted" style={{ marginTop: 0 }}>
          For scripts, dbt jobs and orchestrators calling the REST API (<code>/api/v1</code>). A token acts with the role of the admin who
          created it; only its hash is stored.
        </p>
        <ApiTokenForm />
        {tokens.length > 0 && (
          <table data-testid="api-tokens" style={{ marginTop: "1rem" }}>
            <thead>
              <tr>
                <th>Name</th>
                <th>Created by</th>
                <th>Created</th>
                <th>Expires</th>
                <th>Last used</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {tokens.map((token) => (
                <tr key={token.id}>
                  <td>
                    {token.name} {token.source === "env" && <span className="muted small">(from TIDEWATER_API_TOKEN)</span>}
                  </td>
                  <td>{token.user.email}</td>
                  <td>{formatDateTime(token.createdAt)}</td>
                  <td>
                    {token.expired ? (
                      <span className="badge failed">expired</span>
                    ) : token.expiresAt ? (
                      formatDateTime(token.expiresAt)
                    ) : (
                      <span className="muted">no expiry</span>
                    )}
                  </td>
                  <td>{token.lastUsedAt ? formatDateTime(token.lastUsedAt) : "never"}</td>
                  <td>
                    <RevokeTokenButton token={token} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
