import { connectorSpec, loadConnector, type TSourceKind } from "../connectors/registry";
import { db } from "../db";
import { AppError, fieldErrorsOf, notFound, parseInput } from "../errors";
import { openConfig, sealConfig } from "../secret-config";
import { newTunnelPublicKey, resolveTunnelConfig } from "./resolve-tunnel-config";
import { ZCreateDatabaseSchema } from "./schemas";

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
  const merged: Record<string, unknown> = { ...config };
  for (const key of spec.secretKeys) {
    if (key === "sshTunnel") continue;
    if (merged[key] === undefined || merged[key] === "") merged[key] = stored[key];
  }
  const withTunnel = resolveTunnelConfig(merged, stored);
  const parsed = spec.configSchema.safeParse(withTunnel);
  if (!parsed.success) {
    const fields = Object.fromEntries(Object.entries(fieldErrorsOf(parsed.error)).map(([key, value]) => [`config.${key}`, value]));
    throw new AppError("invalid_input", "Some connection settings need attention.", fields);
  }
  const full = parsed.data as Record<string, unknown>;
  const check = await (await loadConnector(kind)).check(full);
  if (!check.ok) throw new AppError("connection_failed", `Could not connect: ${check.message}`);
  const tunnel = full.sshTunnel as { hostKey?: string } | undefined;
  const seen = check.sshTunnel?.hostKey ?? check.sshHostKey;
  if (tunnel && !tunnel.hostKey && seen) tunnel.hostKey = seen; // pin on first connect
  const publicKey = newTunnelPublicKey(config);
  return db().database.update({
    where: { id: databaseId },
    data: {
      name,
      ...sealConfig(full, spec.secretKeys),
      ...(full.sshTunnel ? (publicKey ? { sshPublicKey: publicKey } : {}) : { sshPublicKey: null }),
      sshHostKey: tunnel?.hostKey ?? null,
    },
    select: { id: true, name: true },
  });
}
