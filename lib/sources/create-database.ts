import { connectorSpec, loadConnector, type TSourceKind } from "../connectors/registry";
import { db } from "../db";
import { AppError, fieldErrorsOf, notFound, parseInput } from "../errors";
import { sealConfig } from "../secret-config";
import { newTunnelPublicKey, resolveTunnelConfig } from "./resolve-tunnel-config";
import { ZCreateDatabaseSchema } from "./schemas";

/** "Save database": validates the settings, tests the connection, and only then stores them. */
export async function createDatabase(sourceId: string, input: unknown) {
  const { name, config: settings, sshTunnel } = parseInput(ZCreateDatabaseSchema, input);
  const config = sshTunnel ? { ...settings, sshTunnel } : settings;
  const source = await db().source.findUnique({ where: { id: sourceId } });
  if (!source) throw notFound("Source");
  const spec = connectorSpec(source.kind as TSourceKind);
  // A tunnel key generated in the form arrives sealed; without a tunnel the config is unchanged.
  const parsed = spec.configSchema.safeParse(resolveTunnelConfig(config));
  if (!parsed.success) {
    const fields = Object.fromEntries(Object.entries(fieldErrorsOf(parsed.error)).map(([key, value]) => [`config.${key}`, value]));
    throw new AppError("invalid_input", "Some connection settings need attention.", fields);
  }
  const full = parsed.data as Record<string, unknown>;
  const connector = await loadConnector(source.kind as TSourceKind);
  const check = await connector.check(full);
  if (!check.ok) throw new AppError("connection_failed", `Could not connect: ${check.message}`, undefined, check.message);
  const tunnel = full.sshTunnel as { hostKey?: string } | undefined;
  const seen = check.sshTunnel?.hostKey ?? check.sshHostKey;
  if (tunnel && !tunnel.hostKey && seen) tunnel.hostKey = seen; // pin on first connect
  const sealed = sealConfig(full, spec.secretKeys);
  const publicKey = tunnel ? newTunnelPublicKey(config) : undefined;
  return db().database.create({
    data: { sourceId, name, ...sealed, ...(publicKey ? { sshPublicKey: publicKey } : {}), ...(tunnel?.hostKey ? { sshHostKey: tunnel.hostKey } : {}) },
    select: { id: true, name: true },
  });
}
