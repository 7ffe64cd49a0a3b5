import { ZRoleSchema } from "../auth/roles";
import { db } from "../db";
import { AppError, notFound, parseInput } from "../errors";

// Admins change others' roles and remove accounts. Nobody changes or removes their own account here,
// and the last admin stays one, so an install never ends up without someone to manage it: each change
// is checked inside its own serializable transaction, so two admins demoting each other at once can't
// both succeed.

type Tx = Parameters<Parameters<ReturnType<typeof db>["$transaction"]>[0]>[0];

export async function changeUserRole(actorId: string, userId: string, role: unknown) {
  const newRole = parseInput(ZRoleSchema, role);
  return keepingAnAdmin(actorId, userId, "change your own role", (tx) =>
    tx.user.update({ where: { id: userId }, data: { role: newRole }, select: { id: true, email: true, role: true } }),
  );
}

/** Removes an account and its API tokens; its sessions stop at the next request (the role is read each time). */
export async function removeUser(actorId: string, userId: string) {
  await keepingAnAdmin(actorId, userId, "remove your own account", (tx) => tx.user.delete({ where: { id: userId } }));
}

async function keepingAnAdmin<T>(actorId: string, userId: string, what: string, change: (tx: Tx) => Promise<T>): Promise<T> {
  if (actorId === userId) throw new AppError("conflict", `You can't ${what}; another admin can.`);
  return db().$transaction(
    async (tx) => {
      if (!(await tx.user.findUnique({ where: { id: userId }, select: { id: true } }))) throw notFound("User");
      const result = await change(tx);
      if ((await tx.user.count({ where: { role: "admin" } })) === 0) throw new AppError("conflict", "Tidewater needs at least one admin.");
      return result;
    },
    { isolationLevel: "Serializable" },
  );
}
