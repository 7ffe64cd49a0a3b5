import { randomBytes } from "node:crypto";
import { hashToken } from "../auth/api-tokens";
import { hashPassword } from "../auth/password";
import { db } from "../db";
import { AppError, parseInput } from "../errors";
import { ZAcceptInviteSchema, ZInviteUserSchema } from "./schemas";

const INVITE_DAYS = 7;

/** An admin invites someone: returns the one-time link path to send them. */
export async function inviteUser(invitedById: string, input: unknown) {
  const { email, role } = parseInput(ZInviteUserSchema, input);
  if (await db().user.findUnique({ where: { email } })) {
    throw new AppError("conflict", "Someone with this email already has an account.", { email: ["Already a user"] });
  }
  const token = randomBytes(24).toString("base64url");
  await db().invite.create({
    data: { email, role, invitedById, tokenHash: hashToken(token), expiresAt: new Date(Date.now() + INVITE_DAYS * 86_400_000) },
  });
  return { email, role, path: `/invite/${token}` };
}

export async function findOpenInvite(token: string) {
  const invite = await db().invite.findUnique({ where: { tokenHash: hashToken(token) } });
  return invite && !invite.acceptedAt && invite.expiresAt > new Date() ? invite : null;
}

export async function acceptInvite(input: unknown) {
  const { token, name, password } = parseInput(ZAcceptInviteSchema, input);
  const invite = await findOpenInvite(token);
  if (!invite) throw new AppError("not_found", "This invitation has expired or was already used. Ask an admin for a new one.");
  const passwordHash = await hashPassword(password);
  const [user] = await db().$transaction([
    db().user.create({ data: { email: invite.email, name, role: invite.role, passwordHash }, select: { id: true, email: true } }),
    db().invite.update({ where: { id: invite.id }, data: { acceptedAt: new Date() } }),
  ]);
  return user;
}

export async function listUsers() {
  return db().user.findMany({ orderBy: { createdAt: "asc" }, select: { id: true, email: true, name: true, role: true, createdAt: true } });
}
