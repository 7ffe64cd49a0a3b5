"use server";

import { runAction } from "@/lib/api/run-action";
import { createApiToken, revokeApiToken } from "@/lib/auth/api-tokens";
import { changeUserRole } from "@/lib/users/change-user-role";
import { inviteUser } from "@/lib/users/invite-user";
import { removeUser } from "@/lib/users/remove-user";
import { revokeInvite } from "@/lib/users/revoke-invite";
import { updateSettings } from "@/lib/settings/settings";

export async function inviteUserAction(input: { email: string; role: string }) {
  return runAction("admin", (actor) => inviteUser(actor.userId, input));
}

export async function changeUserRoleAction(userId: string, role: string) {
  return runAction("admin", async (actor) => void (await changeUserRole(actor.userId, userId, role)));
}

export async function removeUserAction(userId: string) {
  return runAction("admin", (actor) => removeUser(actor.userId, userId));
}

export async function createApiTokenAction(input: { name: string; expiresAt: string | null }) {
  return runAction("admin", async (actor) => {
    const { name: saved, token } = await createApiToken(actor.userId, input);
    return { name: saved, token };
  });
}

export async function revokeApiTokenAction(id: string) {
  return runAction("admin", () => revokeApiToken(id));
}

export async function revokeInviteAction(id: string) {
  return runAction("admin", () => revokeInvite(id));
}

export async function allowPrivateDestinationsAction(allow: boolean) {
  return runAction("admin", async () => ({ allowed: (await updateSettings({ allowPrivateDestinations: allow })).allowPrivateDestinations }));
}

export async function auditRetentionAction(days: number) {
  return runAction("admin", async () => ({ days: (await updateSettings({ auditRetentionDays: days })).auditRetentionDays }));
}
