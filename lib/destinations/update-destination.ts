import { recordAudit } from "../audit/record-audit";
import { db } from "../db";
import { notFound, parseInput } from "../errors";
import { keepStoredSecrets, openConfig, sealConfig } from "../secret-config";
import { destinationFor, type TDestinationKind } from "./registry";
import { ZUpdateDestinationSchema } from "./schemas";
import { verifyDestinationConfig } from "./verify-destination-config";

/** Saves a destination's name and settings; a secret left empty keeps its stored value. */
export async function updateDestination(id: string, input: unknown) {
  const { name, config } = parseInput(ZUpdateDestinationSchema, input);
  const row = await db().destination.findUnique({ where: { id } });
  if (!row) throw notFound("Destination");
  const spec = destinationFor(row.kind as TDestinationKind).spec;
  const stored = openConfig(row);
  const full = await verifyDestinationConfig(spec, keepStoredSecrets({ ...stored, ...config }, stored, spec.secretKeys));
  return db().$transaction(async (tx) => {
    const saved = await tx.destination.update({
      where: { id },
      data: { ...(name ? { name } : {}), ...sealConfig(full, spec.secretKeys) },
      select: { id: true, name: true, kind: true },
    });
    const [before, after] = [{ name: row.name, config: stored }, { name: saved.name, config: full }];
    await recordAudit({ action: "destination.update", resource: { type: "destination", id, name: saved.name }, before, after, secretKeys: spec.secretKeys }, tx);
    return saved;
  });
}
