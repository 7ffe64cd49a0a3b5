import { connectorSpec, type TSourceKind } from "../connectors/registry";
import { db } from "../db";
import { notFound } from "../errors";
import { migrateLegacyTls } from "../connectors/tls";
import { openConfig, publicConfig } from "../secret-config";

/** A database as its edit form may show it: plain settings, secrets only as "set", the tunnel without keys. */
export async function getDatabase(id: string) {
  const row = await db().database.findUnique({ where: { id }, include: { source: { select: { id: true, name: true, kind: true } } } });
  if (!row) throw notFound("Database");
  const spec = connectorSpec(row.source.kind as TSourceKind);
  const { config, secretsSet } = publicConfig(row, spec.secretKeys);
  // The tunnel is sealed whole (it holds private keys); its address and public key are not secret.
  const tunnel = openConfig({ configJson: "{}", secretsEncrypted: row.secretsEncrypted }).sshTunnel as
    | { host?: string; port?: number; user?: string }
    | undefined;
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    source: row.source,
    // A config stored before sslMode shows the mode it connects with.
    config: migrateLegacyTls(config, row.source.kind === "mssql" ? "mssql" : "node") as Record<string, unknown>,
    secretsSet: secretsSet.filter((key) => key !== "sshTunnel"),
    sshTunnel: tunnel
      ? { host: tunnel.host ?? "", port: tunnel.port ?? 22, user: tunnel.user ?? "", publicKey: row.sshPublicKey, hostKey: row.sshHostKey }
      : null,
  };
}
