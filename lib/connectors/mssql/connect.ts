import sql from "mssql";
import { DEFAULT_TIMEOUT_MS } from "../types";
import type { Tunnelled } from "../with-tunnel";
import type { TMssqlConfig } from "./spec";

/** One connection per run (a pool of one), so the transaction and the query share it. */
export async function connectMssql(config: TMssqlConfig & Tunnelled, requestTimeoutMs = DEFAULT_TIMEOUT_MS): Promise<sql.ConnectionPool> {
  const pool = new sql.ConnectionPool({
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
      encrypt: config.ssl,
      trustServerCertificate: config.trustServerCertificate,
      appName: "tidewater",
      // Through an SSH tunnel the driver connects to 127.0.0.1; the certificate names the real host.
      ...(config.tlsServerName && { serverName: config.tlsServerName }),
      // datetime/datetime2 have no zone: read them as UTC, like every other source.
      useUTC: true,
    },
  });
  pool.on("error", () => {}); // surfaces through the pending request instead
  return pool.connect();
}
