import { randomBytes } from "node:crypto";
import { recordAudit } from "../audit/record-audit";
import { hashToken } from "../auth/api-tokens";
import { hashPassword } from "../auth/password";
import { pageArgsIf, type TPageQuery } from "../api/page";
import { db } from "../db";
import { AppError, parseInput } from "../errors";
import { ZAcceptInviteSchema, ZInviteUserSchema } from "./schemas";

export const INVITE_DAYS = 7;
const notValid = () => new AppError("not_found", "This invitation has expired or was already used. Ask an admin for a new one.");

/**
 * An admin invites someone: returns the one-time link path to send them. One open invite per email:
 * a new one replaces the one before, whose link stops working.
 */
export async function inviteUser(invitedById: string, input: unknown) {
  const { email, role } = parseInput(ZInviteUserSchema, input);
  if (await db().user.findUnique({ where: { email } })) {
    throw new AppError("conflict", "Someone with this email already has an account.", { email: ["Already a user"] });
  }
  const token = randomBytes(24).toString("base64url");
  const expiresAt = new Date(Date.now() + INVITE_DAYS * 86_400_000);
  await db()
    .$transaction(
      async (tx) => {
        await tx.invite.deleteMany({ where: { email, acceptedAt: null } });
        const invite = await tx.invite.create({ data: { email, role, invitedById, tokenHash: hashToken(token), expiresAt } });
        await recordAudit({ action: "invite.create", resource: { type: "invite", id: invite.id, name: email }, after: { email, role, expiresAt } }, tx);
      },
      { isolationLevel: "Serializable" },
    )
    .catch((error: { code?: string }) => {
      if (error.code === "P2034") throw new AppError("conflict", "Someone invited this email at the same moment. Try again.");
      throw error;
    });
  return { email, role, expiresAt, path: `/invite/${token}` };
}

/**
 * The invite behind a link, while it is open: not used, not expired, not revoked or replaced, and
 * its inviter is still an admin here (a removed inviter's invites go with them: onDelete Cascade).
 */
export async function findOpenInvite(token: string) {
  const invite = await db().invite.findUnique({ where: { tokenHash: hashToken(token) }, include: { invitedBy: { select: { role: true } } } });
  return invite && !invite.acceptedAt && invite.expiresAt > new Date() && invite.invitedBy.role === "admin" ? invite : null;
}

export async function acceptInvite(input: unknown) {
  const { token, name, password } = parseInput(ZAcceptInviteSchema, input);
  const invite = await findOpenInvite(token);
  if (!invite) throw notValid();
  const passwordHash = await hashPassword(password);
  try {
    return await db().$transaction(async (tx) => {
      // Used once: of two acceptances at the same moment, the second finds it taken.
      const { count } = await tx.invite.updateMany({ where: { id: invite.id, acceptedAt: null }, data: { acceptedAt: new Date() } });
      if (count === 0) throw notValid();
      const user = await tx.user.create({ data: { email: invite.email, name, role: invite.role, passwordHash }, select: { id: true, email: true } });
      const actor = { type: "user" as const, id: user.id, name: user.email };
      await recordAudit({ actor, action: "user.accept_invite", resource: { type: "user", id: user.id, name: user.email }, after: { email: user.email, name, role: invite.role } }, tx);
      return user;
    });
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") throw notValid();
    throw error;
  }
}

/** Invites not yet used nor expired, newest first, for Settings (never their tokens). */
export async function listOpenInvites(page?: TPageQuery) {
  return db().invite.findMany({
    where: { acceptedAt: null, expiresAt: { gt: new Date() } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    ...pageArgsIf(page),
    select: { id: true, email: true, role: true, expiresAt: true, createdAt: true, invitedBy: { select: { email: true } } },
  });
}
