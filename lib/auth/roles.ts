import { z } from "zod";

export const ROLES = ["admin", "member"] as const;
export const ZRoleSchema = z.enum(ROLES);
export type TRole = z.infer<typeof ZRoleSchema>;

/**
 * Who is acting: a signed-in person or an API token's owner. `name` is how records name them: the
 * person's name (their email when they gave none), or the token's name.
 */
export type Actor = { userId: string; email: string; name: string; role: TRole; via: "session" | "token"; tokenName?: string };

export function hasRole(actor: Actor, needed: TRole): boolean {
  return needed === "member" || actor.role === "admin";
}
