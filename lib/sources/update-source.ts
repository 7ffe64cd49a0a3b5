import { recordAudit } from "../audit/record-audit";
import { assertKeyFree } from "../config/key-conflict";
import { db } from "../db";
import { notFound, parseInput } from "../errors";
import { ZUpdateSourceSchema } from "./schemas";

/** Renames a source or changes its key (its kind stays: its databases' settings depend on it). */
export async function updateSource(id: string, input: unknown) {
  const changes = parseInput(ZUpdateSourceSchema, input);
  const source = await db().source.findUnique({ where: { id }, select: { name: true, key: true } });
  if (!source) throw notFound("Source");
  await assertKeyFree("source", changes.key, id);
  const after = { name: changes.name ?? source.name, key: changes.key === undefined ? source.key : changes.key };
  if (after.name === source.name && after.key === source.key) return { id };
  await db().$transaction(async (tx) => {
    await tx.source.update({ where: { id }, data: after });
    await recordAudit({ action: "source.update", resource: { type: "source", id, name: after.name }, before: source, after }, tx);
  });
  return { id };
}
