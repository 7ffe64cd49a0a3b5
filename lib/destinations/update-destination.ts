import { recordAudit } from "../audit/record-audit";
import { compareFields } from "../config/compare";
import { assertKeyFree } from "../config/key-conflict";
import { db } from "../db";
import { notFound, parseInput } from "../errors";
import { keepStoredSecrets, openConfig, sealConfig } from "../secret-config";
import { destinationFor, type TDestinationKind } from "./registry";
import { ZUpdateDestinationSchema } from "./schemas";
import { verifyDestinationConfig } from "./verify-destination-config";

/**
 * Saves a destination's name, key and settings; a secret left empty keeps its stored value, and
 * settings equal to the stored ones store nothing. `compare` only says what would change.
 */
export async function updateDestination(id: string, input: unknown, options: { compare?: boolean } = {}) {
  const { name, key, config } = parseInput(ZUpdateDestinationSchema, input);
  const row = await db().destination.findUnique({ where: { id } });
  if (!row) throw notFound("Destination");
  const spec = destinationFor(row.kind as TDestinationKind).spec;
  const stored = openConfig(row);
  const full = await verifyDestinationConfig(spec, keepStoredSecrets({ ...stored, ...config }, stored, spec.secretKeys));
  const [before, after] = [{ name: row.name, key: row.key, config: stored }, { name: name ?? row.name, key: key === undefined ? row.key : key, config: full }];
  const comparison = compareFields(before, after);
  if (options.compare || !comparison.changed) return { id, ...comparison };
  await assertKeyFree("destination", after.key, id);
  await db().$transaction(async (tx) => {
    await tx.destination.update({ where: { id }, data: { name: after.name, key: after.key, ...sealConfig(full, spec.secretKeys) } });
    await recordAudit({ action: "destination.update", resource: { type: "destination", id, name: after.name }, before, after, secretKeys: spec.secretKeys }, tx);
  });
  return { id, ...comparison };
}
