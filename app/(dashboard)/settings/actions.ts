"use server";

import { runAction } from "@/lib/api/run-action";
import { inviteUser } from "@/lib/users/invite-user";

export async function inviteUserAction(input: { email: string; role: string }) {
  return runAction("admin", (actor) => inviteUser(actor.userId, input));
}
