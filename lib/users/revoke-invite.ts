import { recordAudit } from "../audit/record-audit";
import { db } from "../db";
import { notFound } from "../errors";

/** An admin takes an open invite back: its link stops working at once. */
export async function revokeInvite(id: string) {
  const invite = await db().invite.findFirst({ where: { id, acceptedAt: null }, select: { email: true, role: true } });
  const { count } = await db().invite.deleteMany({ where: { id, acceptedAt: null } });
  if (count === 0 || !invite) throw notFound("Open invitation");
  await recordAudit({ action: "invite.revoke", resource: { type: "invite", id, name: invite.email }, before: invite });
}
