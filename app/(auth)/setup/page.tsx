import { redirect } from "next/navigation";
import { CredentialsForm } from "@/components/auth/credentials-form";
import { hasAnyUser } from "@/lib/users/setup-first-admin";
import { setupAdminAction } from "../actions";

export const dynamic = "force-dynamic";

export default async function SetupPage({ searchParams }: { searchParams: Promise<{ code?: string | string[] }> }) {
  if (await hasAnyUser()) redirect("/sign-in");
  const { code } = await searchParams;
  const setupCode = [code ?? ""].flat()[0] ?? "";
  return (
    <>
      <h1>Welcome to Tidewater</h1>
      <p className="muted">Create the admin account of this install. You can invite your team afterwards.</p>
      {!setupCode && (
        <p className="muted small">
          Tidewater printed a setup link in its server console when it started: <code>Open http://…/setup?code=…</code>. Open that link,
          or paste its code here.
        </p>
      )}
      <CredentialsForm submitLabel="Create admin account" withName setupCode={setupCode} register={setupAdminAction} />
    </>
  );
}
