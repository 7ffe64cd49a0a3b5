import { recordAudit } from "../audit/record-audit";
import { assertKeyFree } from "../config/key-conflict";
import { db } from "../db";
import { parseInput } from "../errors";
import { sealConfig } from "../secret-config";
import { destinationFor } from "./registry";
import { ZCreateDestinationSchema } from "./schemas";
import { verifyDestinationConfig } from "./verify-destination-config";

export async function createDestination(input: unknown) {
  const { name, kind, key, config } = parseInput(ZCreateDestinationSchema, input);
  const spec = destinationFor(kind).spec;
  const full = await verifyDestinationConfig(spec, config);
  await assertKeyFree("destination", key);
  return db().$transaction(async (tx) => {
    const saved = await tx.destination.create({
      data: { name, kind, key: key ?? null, ...sealConfig(full, spec.secretKeys) },
      select: { id: true, key: true, name: true, kind: true },
    });
    await recordAudit({ action: "destination.create", resource: { type: "destination", id: saved.id, name }, after: { name, kind, key: key ?? null, config: full }, secretKeys: spec.secretKeys }, tx);
    return saved;
  });
}
