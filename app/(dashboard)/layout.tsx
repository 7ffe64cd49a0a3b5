import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { AppShell } from "@/components/app-shell";
import { currentActor } from "@/lib/auth/current-actor";
import { hasAnyUser } from "@/lib/users/setup-first-admin";

export const dynamic = "force-dynamic";

/** Every signed-in screen: no session → sign in (or set up the first admin on a fresh install). */
export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const actor = await currentActor();
  if (!actor) redirect((await hasAnyUser()) ? "/sign-in" : "/setup");
  return (
    <AppShell email={actor.email} role={actor.role}>
      {children}
    </AppShell>
  );
}
