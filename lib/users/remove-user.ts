import { recordAudit } from "../audit/record-audit";
import { changeOtherUser } from "./change-other-user";

/** Removes an account and its API tokens; its sessions stop at the next request (the role is read each time). */
export async function removeUser(actorId: string, userId: string) {
  await changeOtherUser(actorId, userId, "remove your own account", async (tx) => {
    const user = await tx.user.delete({ where: { id: userId } });
    await recordAudit({ action: "user.remove", resource: { type: "user", id: userId, name: user.email }, before: { email: user.email, name: user.name, role: user.role } }, tx);
  });
}
