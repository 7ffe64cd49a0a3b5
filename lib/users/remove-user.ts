import { changeOtherUser } from "./change-other-user";

/** Removes an account and its API tokens; its sessions stop at the next request (the role is read each time). */
export async function removeUser(actorId: string, userId: string) {
  await changeOtherUser(actorId, userId, "remove your own account", (tx) => tx.user.delete({ where: { id: userId } }));
}
