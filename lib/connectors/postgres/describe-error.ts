import { describeCertificateError } from "../tls";
import type { TPostgresConfig } from "./spec";

/** The driver's failure in words a person can act on; the driver's own text stays at the end. */
export function describePostgresError(error: unknown, config: TPostgresConfig): string {
  const err = error as { code?: string; message?: string };
  const where = `${config.host}:${config.port}`;
  const detail = err.message ?? String(error);
  const certificate = describeCertificateError(error, config.host);
  if (certificate) return certificate;
  switch (err.code) {
    case "28P01":
      return `Wrong password for user "${config.user}" (${detail}).`;
    case "28000":
      return /SSL|encryption/i.test(detail)
        ? `The server requires SSL: set SSL mode to verify-full (or require) (${detail}).`
        : `The server refused user "${config.user}" (${detail}).`;
    case "3D000":
      return `Database "${config.database}" does not exist on ${where} (${detail}).`;
    case "42501":
      return `Permission denied: ${detail}.`;
    case "57014":
      return `The query was cancelled (${detail}).`;
    case "ECONNREFUSED":
      return `Could not connect to ${where}: the connection was refused. Check the host and port, and that the server accepts connections from Tidewater.`;
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return `Host "${config.host}" not found. Check the host name.`;
    case "ETIMEDOUT":
      return `Could not reach ${where}: the connection timed out. Check the host, port and any firewall or allowlist.`;
  }
  if (/timeout expired|Connection terminated due to connection timeout/i.test(detail)) {
    return `Could not reach ${where}: the connection timed out. Check the host, port and any firewall or allowlist.`;
  }
  if (/does not support SSL/i.test(detail)) return `The server does not support SSL: set SSL mode to disable (${detail}).`;
  return detail;
}
