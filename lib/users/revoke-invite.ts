import { db } from "../db";
import { notFound } from "../errors";

/** An admin takes an open invite back: its link stops working at once. */
export async function revokeInvite(id: string) {
  const { count } = await db().invite.deleteMany({ where: { id, acceptedAt: null } });
  if (count === 0) throw notFound("Open invitation");
}
