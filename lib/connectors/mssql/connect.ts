import sql from "mssql";
import { sslModeOf } from "../tls";
import { DEFAULT_TIMEOUT_MS } from "../types";
import type { Tunnelled } from "../with-tunnel";
import type { TMssqlConfig } from "./spec";

/** One connection per run (a pool of one), so the transaction and the query share it. */
export async function connectMssql(config: TMssqlConfig & Tunnelled, requestTimeoutMs = DEFAULT_TIMEOUT_MS): Promise<sql.ConnectionPool> {
  const pool = new sql.ConnectionPool(mssqlPoolConfig(config, requestTimeoutMs));
  pool.on("error", () => {}); // surfaces through the pending request instead
  return pool.connect();
}

export function mssqlPoolConfig(config: TMssqlConfig & Tunnelled, requestTimeoutMs = DEFAULT_TIMEOUT_MS): sql.config {
  const mode = sslModeOf(config, "mssql") ?? "verify-full";
  return {
    server: config.host,
    port: config.port,
    database: config.database,
    user: config.user,
    password: config.password,
    connectionTimeout: 15_000,
    requestTimeout: requestTimeoutMs,
    pool: { min: 0, max: 1 },
    // The pool would otherwise run `SELECT 1` before handing out the connection, every request.
    validateConnection: "socket",
    options: {
      encrypt: mode !== "disable",
      // tedious checks chain and name unless told to trust the certificate (libpq's require).
      trustServerCertificate: mode === "require",
      ...(mode === "verify-full" && config.caCertificate?.trim() && { cryptoCredentialsDetails: { ca: config.caCertificate } }),
      appName: "tidewater",
      // Through an SSH tunnel the driver connects to 127.0.0.1; the certificate names the real host.
      ...(config.tlsServerName && { serverName: config.tlsServerName }),
      // datetime/datetime2 have no zone: read them as UTC, like every other source.
      useUTC: true,
    },
  };
}
