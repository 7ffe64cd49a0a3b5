import { ZRoleSchema } from "../auth/roles";
import { parseInput } from "../errors";
import { changeOtherUser } from "./change-other-user";

/** An admin makes another user an admin or a member; it takes effect on their next request. */
export async function changeUserRole(actorId: string, userId: string, role: unknown) {
  const newRole = parseInput(ZRoleSchema, role);
  return changeOtherUser(actorId, userId, "change your own role", (tx) =>
    tx.user.update({ where: { id: userId }, data: { role: newRole }, select: { id: true, email: true, role: true } }),
  );
}
