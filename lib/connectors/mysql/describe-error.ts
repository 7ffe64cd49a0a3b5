import { describeCertificateError, sslModeOf } from "../tls";
import type { TMysqlConfig } from "./spec";

/** The driver's failure in words a person can act on; the server's own text stays at the end. */
export function describeMysqlError(error: unknown, config: TMysqlConfig): string {
  const err = error as { code?: string; errno?: number; message?: string };
  const where = `${config.host}:${config.port}`;
  const detail = err.message ?? String(error);
  const certificate = describeCertificateError(error, config.host);
  if (certificate) return certificate;
  const ssl = (sslModeOf(config) ?? "disable") !== "disable";
  if (/insecure transport|requires? (SSL|secure)/i.test(detail)) return `The server requires SSL: set SSL mode to verify-full (or require) (${detail}).`;
  switch (err.code) {
    case "ER_ACCESS_DENIED_ERROR":
    case "ER_ACCESS_DENIED_NO_PASSWORD_ERROR":
      // MariaDB answers a client without SSL this way too when it requires SSL (MySQL 8 says so).
      return (
        `Wrong user name or password for user "${config.user}", or the user may not connect from Tidewater's address` +
        `${ssl ? "" : ", or the server requires SSL (then set SSL mode to verify-full or require)"} (${detail}).`
      );
    case "ER_BAD_DB_ERROR":
      return `Database "${config.database}" does not exist on ${where} (${detail}).`;
    case "ER_DBACCESS_DENIED_ERROR":
      return `Permission denied: user "${config.user}" may not use database "${config.database}", or it does not exist (${detail}).`;
    case "ER_TABLEACCESS_DENIED_ERROR":
    case "ER_COLUMNACCESS_DENIED_ERROR":
    case "ER_SPECIFIC_ACCESS_DENIED_ERROR":
    case "ER_PROCACCESS_DENIED_ERROR":
      return `Permission denied: ${detail}.`;
    case "ER_QUERY_INTERRUPTED":
      return `The query was cancelled (${detail}).`;
    case "ER_STATEMENT_TIMEOUT":
    case "ER_QUERY_TIMEOUT":
      return `The query ran longer than its time limit and was stopped (${detail}).`;
    case "HANDSHAKE_NO_SSL_SUPPORT":
      return `The server does not support SSL: set SSL mode to disable (${detail}).`;
    case "ECONNREFUSED":
      return `Could not connect to ${where}: the connection was refused. Check the host and port, and that the server accepts connections from Tidewater.`;
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return `Host "${config.host}" not found. Check the host name.`;
    case "ETIMEDOUT":
      return `Could not reach ${where}: the connection timed out. Check the host, port and any firewall or allowlist.`;
    case "PROTOCOL_CONNECTION_LOST":
      return `The connection to ${where} was lost (${detail}).`;
  }
  // MySQL's max_execution_time (3024) and MariaDB's max_statement_time (1969).
  if (err.errno === 3024 || err.errno === 1969) return `The query ran longer than its time limit and was stopped (${detail}).`;
  return detail;
}
