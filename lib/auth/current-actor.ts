import { getServerSession } from "next-auth";
import { headers } from "next/headers";
import { db } from "../db";
import { AppError } from "../errors";
import { authOptions } from "./options";
import { hasRole, type Actor, type TRole } from "./roles";

/**
 * The signed-in person, read fresh from the database on every request so a role change or a removed
 * account takes effect at once (the session cookie only carries the user id).
 */
export async function currentActor(): Promise<Actor | null> {
  // The same options as the request's sign-in, so the cookie is looked up under the same name.
  const session = (await getServerSession(authOptions(await headers()))) as { userId?: string } | null;
  if (!session?.userId) return null;
  const user = await db().user.findUnique({ where: { id: session.userId } });
  return user ? { userId: user.id, email: user.email, name: user.name || user.email, role: user.role as TRole, via: "session" } : null;
}

/** Throws unless someone is signed in with at least the role. */
export async function requireActor(role: TRole = "member"): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) throw new AppError("unauthorized", "Sign in to continue.");
  if (!hasRole(actor, role)) throw new AppError("forbidden", "Only an admin can do this.");
  return actor;
}
