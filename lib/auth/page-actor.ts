import { redirect } from "next/navigation";
import { currentActor } from "./current-actor";
import type { Actor } from "./roles";

/**
 * For server pages: the signed-in person, or a redirect to sign in. Layouts and pages render in
 * parallel, so each page checks for itself rather than trusting the layout's check.
 */
export async function pageActor(): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) redirect("/sign-in");
  return actor;
}
