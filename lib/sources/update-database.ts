import { recordAudit } from "../audit/record-audit";
import { compareFields, type TComparison } from "../config/compare";
import { assertDatabaseKeyFree } from "../config/key-conflict";
import { connectorSpec, type TSourceKind } from "../connectors/registry";
import { db } from "../db";
import { notFound, parseConfig, parseInput } from "../errors";
import { keepStoredSecrets, openConfig, sealConfig } from "../secret-config";
import { newTunnelPublicKey, resolveTunnelConfig } from "./resolve-tunnel-config";
import { ZCreateDatabaseSchema } from "./schemas";
import { verifyDatabaseConfig } from "./verify-database-config";

type Options = { sourceId?: string; compare?: boolean };

/**
 * "Save database" on an existing database: a secret left empty keeps its stored value; the
 * connection is tested before anything is stored, as when the database was added. Settings equal to
 * the stored ones store nothing (a config-as-code apply resends them every time). `compare` only
 * says what would change.
 */
export async function updateDatabase(databaseId: string, input: unknown, options: Options = {}) {
  const { name, key, config: settings, sshTunnel } = parseInput(ZCreateDatabaseSchema, input);
  const config: Record<string, unknown> = sshTunnel ? { ...settings, sshTunnel } : settings;
  const row = await db().database.findUnique({ where: { id: databaseId }, include: { source: true } });
  if (!row || (options.sourceId && row.sourceId !== options.sourceId)) throw notFound("Database");
  const kind = row.source.kind as TSourceKind;
  const spec = connectorSpec(kind);
  const stored = openConfig(row);
  const newKey = key === undefined ? row.key : key;
  // The tunnel has its own rules for what an edit keeps (resolveTunnelConfig).
  const merged = resolveTunnelConfig(keepStoredSecrets(config, stored, spec.secretKeys.filter((secret) => secret !== "sshTunnel")), stored);
  const before = { name: row.name, key: row.key, config: stored };
  const comparison = compareFields(before, { name, key: newKey, config: parseConfig(spec.configSchema, merged, "Some connection settings need attention.") });
  if (options.compare || !comparison.changed) return { id: row.id, key: row.key, name: row.name, warnings: [], ...comparison };
  await assertDatabaseKeyFree(row.sourceId, newKey, databaseId);
  const { config: full, warnings } = await verifyDatabaseConfig(kind, merged);
  const tunnel = full.sshTunnel as { hostKey?: string } | undefined;
  const publicKey = newTunnelPublicKey(config);
  const saved = await db().$transaction(async (tx) => {
    const changed = await tx.database.update({
      where: { id: databaseId },
      data: {
        name,
        key: newKey,
        ...sealConfig(full, spec.secretKeys),
        ...(full.sshTunnel ? (publicKey ? { sshPublicKey: publicKey } : {}) : { sshPublicKey: null }),
        sshHostKey: tunnel?.hostKey ?? null,
      },
      select: { id: true, key: true, name: true },
    });
    const after = { name, key: newKey, config: full };
    await recordAudit({ action: "database.update", resource: { type: "database", id: databaseId, name }, before, after, secretKeys: spec.secretKeys }, tx);
    return changed;
  });
  return { ...saved, warnings, ...comparison };
}
