import { describeCertificateError, sslModeOf } from "../tls";
import type { TMssqlConfig } from "./spec";

/** The driver's failure in words a person can act on; the server's own text stays at the end. */
export function describeMssqlError(error: unknown, config: TMssqlConfig): string {
  const err = error as { code?: string; number?: number; message?: string; originalError?: { code?: string; message?: string; cause?: { code?: string } } };
  const where = `${config.host}:${config.port}`;
  const detail = err.message ?? String(error);
  const cause = networkCode(error);
  // Login errors come back without their number, so these are matched on SQL Server's own words.
  if (err.number === 18456 || /Login failed for user/i.test(detail)) {
    if (/Cannot open database/i.test(detail)) return `Database "${config.database}" does not exist on ${where}, or user "${config.user}" may not open it (${detail}).`;
    return `Wrong user name or password for user "${config.user}" (${detail}).`;
  }
  switch (err.number) {
    case 4060:
      return `Database "${config.database}" does not exist on ${where}, or user "${config.user}" may not open it (${detail}).`;
    case 229:
    case 230:
    case 262:
    case 297:
    case 300:
      return `Permission denied: ${detail}`;
  }
  if (err.code === "ECANCEL") return "The query was cancelled.";
  if (err.code === "ETIMEOUT" && /request/i.test(detail)) return `The query ran longer than its time limit and was stopped (${detail}).`;
  const certificate = describeCertificateError(error, config.host);
  if (certificate) return certificate;
  if (/encryption|SSL|TLS|certificate/i.test(detail)) {
    return (sslModeOf(config, "mssql") ?? "verify-full") !== "disable"
      ? `The server does not support encryption: set SSL mode to disable (${detail}).`
      : `The server requires encryption: set SSL mode to verify-full (or require) (${detail}).`;
  }
  switch (cause) {
    case "ECONNREFUSED":
      return `Could not connect to ${where}: the connection was refused. Check the host and port, and that the server accepts TCP connections from Tidewater.`;
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return `Host "${config.host}" not found. Check the host name.`;
    case "ETIMEDOUT":
      return `Could not reach ${where}: the connection timed out. Check the host, port and any firewall or allowlist.`;
  }
  if (err.code === "ETIMEOUT") return `Could not reach ${where}: the connection timed out. Check the host, port and any firewall or allowlist.`;
  if (err.code === "ESOCKET") return `Could not connect to ${where} (${detail}). Check the host and port.`;
  return detail;
}

/** The socket error's code, wherever the driver nested it (tedious wraps an AggregateError). */
function networkCode(error: unknown, depth = 0): string | undefined {
  if (!error || typeof error !== "object" || depth > 5) return undefined;
  const err = error as { code?: unknown; cause?: unknown; originalError?: unknown; errors?: unknown[] };
  if (typeof err.code === "string" && /^E[A-Z]+$/.test(err.code) && !["ESOCKET", "ETIMEOUT", "ELOGIN", "EREQUEST", "ECANCEL", "EINSTLOOKUP"].includes(err.code)) return err.code;
  for (const inner of [err.originalError, err.cause, ...(Array.isArray(err.errors) ? err.errors : [])]) {
    const code = networkCode(inner, depth + 1);
    if (code) return code;
  }
  return undefined;
}
