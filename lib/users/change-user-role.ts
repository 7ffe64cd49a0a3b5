import { recordAudit } from "../audit/record-audit";
import { ZRoleSchema } from "../auth/roles";
import { parseInput } from "../errors";
import { changeOtherUser } from "./change-other-user";

/** An admin makes another user an admin or a member; it takes effect on their next request. */
export async function changeUserRole(actorId: string, userId: string, role: unknown) {
  const newRole = parseInput(ZRoleSchema, role);
  return changeOtherUser(actorId, userId, "change your own role", async (tx) => {
    const before = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { role: true } });
    const user = await tx.user.update({ where: { id: userId }, data: { role: newRole }, select: { id: true, email: true, role: true } });
    await recordAudit({ action: "user.change_role", resource: { type: "user", id: userId, name: user.email }, before, after: { role: user.role } }, tx);
    return user;
  });
}
