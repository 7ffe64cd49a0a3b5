import { db } from "../db";
import { AppError, notFound } from "../errors";

type Tx = Parameters<Parameters<ReturnType<typeof db>["$transaction"]>[0]>[0];

/**
 * Runs an admin's change to another user's account. Nobody changes or removes their own account
 * here, and the last admin stays one, so an install never ends up without someone to manage it: the
 * count is checked after the change inside one serializable transaction, so two admins demoting
 * each other at once can't both succeed.
 */
export async function changeOtherUser<T>(actorId: string, userId: string, what: string, change: (tx: Tx) => Promise<T>): Promise<T> {
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
