import { recordAudit } from "../audit/record-audit";
import { connectorSpec, type TSourceKind } from "../connectors/registry";
import { db } from "../db";
import { notFound, parseInput } from "../errors";
import { keepStoredSecrets, openConfig, sealConfig } from "../secret-config";
import { newTunnelPublicKey, resolveTunnelConfig } from "./resolve-tunnel-config";
import { ZCreateDatabaseSchema } from "./schemas";
import { verifyDatabaseConfig } from "./verify-database-config";

/**
 * "Save database" on an existing database: a secret left empty keeps its stored value; the
 * connection is tested before anything is stored, as when the database was added.
 */
export async function updateDatabase(databaseId: string, input: unknown) {
  const { name, config: settings, sshTunnel } = parseInput(ZCreateDatabaseSchema, input);
  const config: Record<string, unknown> = sshTunnel ? { ...settings, sshTunnel } : settings;
  const row = await db().database.findUnique({ where: { id: databaseId }, include: { source: true } });
  if (!row) throw notFound("Database");
  const kind = row.source.kind as TSourceKind;
  const spec = connectorSpec(kind);
  const stored = openConfig(row);
  // The tunnel has its own rules for what an edit keeps (resolveTunnelConfig).
  const merged = keepStoredSecrets(config, stored, spec.secretKeys.filter((key) => key !== "sshTunnel"));
  const { config: full, warnings } = await verifyDatabaseConfig(kind, resolveTunnelConfig(merged, stored));
  const tunnel = full.sshTunnel as { hostKey?: string } | undefined;
  const publicKey = newTunnelPublicKey(config);
  const saved = await db().$transaction(async (tx) => {
    const changed = await tx.database.update({
      where: { id: databaseId },
      data: {
        name,
        ...sealConfig(full, spec.secretKeys),
        ...(full.sshTunnel ? (publicKey ? { sshPublicKey: publicKey } : {}) : { sshPublicKey: null }),
        sshHostKey: tunnel?.hostKey ?? null,
      },
      select: { id: true, name: true },
    });
    const [before, after] = [{ name: row.name, config: stored }, { name, config: full }];
    await recordAudit({ action: "database.update", resource: { type: "database", id: databaseId, name }, before, after, secretKeys: spec.secretKeys }, tx);
    return changed;
  });
  return { ...saved, warnings };
}
