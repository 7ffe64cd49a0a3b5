import { connectorSpec, loadConnector, type TSourceKind } from "../connectors/registry";
import type { WriteAccess } from "../connectors/types";
import { AppError, parseConfig } from "../errors";

/** Something "Save database" saved anyway but the person should know. */
export type TDatabaseWarning = { code: "user_can_write"; message: string; found: string[]; readOnlyGrants: string[] };

/**
 * "Save database": the settings are checked against the kind's schema and the connection is tested
 * before anything is stored. The SSH server's host key seen on first connect is pinned. A user
 * that can change data is saved with a warning.
 */
export async function verifyDatabaseConfig(kind: TSourceKind, config: Record<string, unknown>): Promise<{ config: Record<string, unknown>; warnings: TDatabaseWarning[] }> {
  const full = parseConfig(connectorSpec(kind).configSchema, config, "Some connection settings need attention.");
  const check = await (await loadConnector(kind)).check(full, { privileges: true });
  if (!check.ok) throw new AppError("connection_failed", `Could not connect: ${check.message}`, undefined, check.message);
  const tunnel = full.sshTunnel as { hostKey?: string } | undefined;
  const seen = check.sshTunnel?.hostKey ?? check.sshHostKey;
  if (tunnel && !tunnel.hostKey && seen) tunnel.hostKey = seen;
  return { config: full, warnings: check.writeAccess ? [writeWarning(check.writeAccess)] : [] };
}

function writeWarning({ found, readOnlyGrants }: WriteAccess): TDatabaseWarning {
  return {
    code: "user_can_write",
    message:
      `This database user can change data (${found.join("; ")}). Tidewater only reads, but a user with read permissions only ` +
      "makes sure no query can change your data: run these statements as an administrator, then save the database with the new user.",
    found,
    readOnlyGrants,
  };
}
