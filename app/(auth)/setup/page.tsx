import { redirect } from "next/navigation";
import { CredentialsForm } from "@/components/auth/credentials-form";
import { hasAnyUser } from "@/lib/users/setup-first-admin";
import { setupAdminAction } from "../actions";

export const dynamic = "force-dynamic";

export default async function SetupPage() {
  if (await hasAnyUser()) redirect("/sign-in");
  return (
    <>
      <h1>Welcome to Tidewater</h1>
      <p className="muted">Create the admin account of this install. You can invite your team afterwards.</p>
      <CredentialsForm submitLabel="Create admin account" withName register={setupAdminAction} />
    </>
  );
}
