import { recordAudit } from "../audit/record-audit";
import { assertDatabaseKeyFree } from "../config/key-conflict";
import { connectorSpec, type TSourceKind } from "../connectors/registry";
import { db } from "../db";
import { notFound, parseInput } from "../errors";
import { sealConfig } from "../secret-config";
import { newTunnelPublicKey, resolveTunnelConfig } from "./resolve-tunnel-config";
import { ZCreateDatabaseSchema } from "./schemas";
import { verifyDatabaseConfig } from "./verify-database-config";

/** "Save database": validates the settings, tests the connection, and only then stores them. */
export async function createDatabase(sourceId: string, input: unknown) {
  const { name, key, config: settings, sshTunnel } = parseInput(ZCreateDatabaseSchema, input);
  const config = sshTunnel ? { ...settings, sshTunnel } : settings;
  const source = await db().source.findUnique({ where: { id: sourceId } });
  if (!source) throw notFound("Source");
  await assertDatabaseKeyFree(sourceId, key);
  const spec = connectorSpec(source.kind as TSourceKind);
  // A tunnel key generated in the form arrives sealed; without a tunnel the config is unchanged.
  const { config: full, warnings } = await verifyDatabaseConfig(source.kind as TSourceKind, resolveTunnelConfig(config));
  const tunnel = full.sshTunnel as { hostKey?: string } | undefined;
  const sealed = sealConfig(full, spec.secretKeys);
  const publicKey = tunnel ? newTunnelPublicKey(config) : undefined;
  const saved = await db().$transaction(async (tx) => {
    const created = await tx.database.create({
      data: { sourceId, name, key: key ?? null, ...sealed, ...(publicKey ? { sshPublicKey: publicKey } : {}), ...(tunnel?.hostKey ? { sshHostKey: tunnel.hostKey } : {}) },
      select: { id: true, key: true, name: true },
    });
    await recordAudit({ action: "database.create", resource: { type: "database", id: created.id, name }, after: { name, key: key ?? null, config: full }, secretKeys: spec.secretKeys }, tx);
    return created;
  });
  return { ...saved, warnings };
}
