import { redirect } from "next/navigation";
import { CredentialsForm } from "@/components/auth/credentials-form";
import { hasAnyUser } from "@/lib/users/setup-first-admin";

export const dynamic = "force-dynamic";

export default async function SignInPage() {
  if (!(await hasAnyUser())) redirect("/setup");
  return (
    <>
      <h1>Sign in</h1>
      <CredentialsForm submitLabel="Sign in" />
      <p className="muted small">No account? Ask an admin of this Tidewater for an invitation.</p>
    </>
  );
}
