import { connectorSpec, loadConnector, type TSourceKind } from "../connectors/registry";
import { AppError, parseConfig } from "../errors";

/**
 * "Save database": the settings are checked against the kind's schema and the connection is tested
 * before anything is stored. The SSH server's host key seen on first connect is pinned.
 */
export async function verifyDatabaseConfig(kind: TSourceKind, config: Record<string, unknown>): Promise<Record<string, unknown>> {
  const full = parseConfig(connectorSpec(kind).configSchema, config, "Some connection settings need attention.");
  const check = await (await loadConnector(kind)).check(full);
  if (!check.ok) throw new AppError("connection_failed", `Could not connect: ${check.message}`, undefined, check.message);
  const tunnel = full.sshTunnel as { hostKey?: string } | undefined;
  const seen = check.sshTunnel?.hostKey ?? check.sshHostKey;
  if (tunnel && !tunnel.hostKey && seen) tunnel.hostKey = seen;
  return full;
}
