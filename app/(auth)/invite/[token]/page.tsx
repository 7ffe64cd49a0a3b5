import { CredentialsForm } from "@/components/auth/credentials-form";
import { findOpenInvite } from "@/lib/users/invite-user";
import { acceptInviteAction } from "../../actions";

export const dynamic = "force-dynamic";

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invite = await findOpenInvite(token);
  if (!invite) {
    return (
      <>
        <h1>Invitation not valid</h1>
        <p className="muted">This invitation has expired or was already used. Ask an admin for a new one.</p>
      </>
    );
  }
  return (
    <>
      <h1>Join Tidewater</h1>
      <p className="muted">
        You were invited as <strong>{invite.role}</strong>. Choose a password to finish.
      </p>
      <CredentialsForm
        submitLabel="Create account"
        withName
        fixedEmail={invite.email}
        register={async (input) => {
          "use server";
          return acceptInviteAction({ token, name: input.name, password: input.password });
        }}
      />
    </>
  );
}
