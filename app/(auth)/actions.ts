"use server";

import { headers } from "next/headers";
import { clientAddress } from "@/lib/auth/client-address";
import { AppError, toErrorBody, type FieldErrors } from "@/lib/errors";
import { acceptInvite } from "@/lib/users/invite-user";
import { setupFirstAdmin } from "@/lib/users/setup-first-admin";

export type FormState = { ok: boolean; error?: string; fields?: FieldErrors; email?: string };

// Signed-out actions: the service itself decides (setup only while there is no user; an invite
// only with its token), so these do not go through runAction's session check.
async function attempt(work: () => Promise<{ email: string }>): Promise<FormState> {
  try {
    return { ok: true, email: (await work()).email };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error: error.message, fields: error.fieldErrors };
    return { ok: false, error: toErrorBody(error).body.error.message };
  }
}

export async function setupAdminAction(input: { code: string; name: string; email: string; password: string }) {
  const address = clientAddress(await headers());
  return attempt(() => setupFirstAdmin(input, { address }));
}

export async function acceptInviteAction(input: { token: string; name: string; password: string }) {
  return attempt(() => acceptInvite(input));
}
