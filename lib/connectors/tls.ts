// TLS to a database, in libpq's terms (sslmode): disable, require (encrypted, certificate not
// checked), verify-ca (the chain checked against the CA), verify-full (chain and host name).
import { isIP } from "node:net";
import type { ConnectionOptions } from "node:tls";
import { z } from "zod";
import { parseBooleanText } from "../forms/boolean-field";

export const SSL_MODES = ["disable", "require", "verify-ca", "verify-full"] as const;
export type TSslMode = (typeof SSL_MODES)[number];

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/;

/** The TLS fields of a connector's config; `modes` leaves out what the driver cannot do. */
export function tlsFields(defaultMode: TSslMode, modes: readonly TSslMode[] = SSL_MODES) {
  return {
    sslMode: z
      .enum(modes as [TSslMode, ...TSslMode[]], { error: `Choose one of ${modes.join(", ")}` })
      .default(defaultMode)
      .describe("disable: no TLS · require: encrypted, certificate not checked · verify-ca: certificate checked against the CA · verify-full: certificate and host name checked"),
    caCertificate: z
      .string()
      .trim()
      .default("")
      .refine((text) => text === "" || PEM_CERTIFICATE.test(text), "Paste the CA certificate in PEM format (-----BEGIN CERTIFICATE-----)")
      .describe("PEM. Leave empty to trust the usual public certificate authorities."),
  };
}

/** What a config may hold: the TLS fields, or the `ssl` (and SQL Server's `trustServerCertificate`) stored before them. */
export type TTlsConfig = { sslMode?: TSslMode; caCertificate?: string; ssl?: unknown; trustServerCertificate?: unknown };

/**
 * The mode a config asks for, also for configs stored before `sslMode` existed. An old `ssl: true`
 * connected encrypted without checking the certificate, so it stays `require` (an upgrade must not
 * break a working connection); on SQL Server `ssl: true` did check the certificate unless
 * `trustServerCertificate` was set.
 */
export function sslModeOf(config: TTlsConfig, kind: "node" | "mssql" = "node"): TSslMode | undefined {
  if (config.sslMode !== undefined) return config.sslMode;
  if (config.ssl === undefined) return undefined;
  const ssl = parseBooleanText(config.ssl);
  if (ssl === undefined) return undefined;
  if (!ssl) return "disable";
  if (kind === "mssql") return parseBooleanText(config.trustServerCertificate) === true ? "require" : "verify-full";
  return "require";
}

/**
 * A stored or submitted config with the old `ssl` / `trustServerCertificate` turned into
 * `sslMode`; a value that is not a yes or no is handed on as the mode, for the schema to refuse.
 * Given `sslMode`, the old fields are dropped.
 */
export function migrateLegacyTls(input: unknown, kind: "node" | "mssql" = "node"): unknown {
  if (!input || typeof input !== "object" || Array.isArray(input)) return input;
  const { ssl, trustServerCertificate, ...rest } = input as Record<string, unknown>;
  if (rest.sslMode !== undefined || (ssl === undefined && trustServerCertificate === undefined)) return rest;
  for (const value of [ssl, trustServerCertificate]) if (value !== undefined && parseBooleanText(value) === undefined) return { ...rest, sslMode: value };
  // SQL Server encrypted by default; the other kinds did not.
  const legacy = { ssl: ssl ?? kind === "mssql", trustServerCertificate };
  return { ...rest, sslMode: sslModeOf(legacy, kind) };
}

/** A connector's config schema that also reads configs stored before `sslMode`. */
export function withLegacyTls<T extends z.ZodType>(schema: T, kind: "node" | "mssql" = "node") {
  return z.preprocess((input) => migrateLegacyTls(input, kind), schema);
}

/**
 * Node `tls.connect` options for a mode (pg and mysql2 pass these through). `name` is the host the
 * certificate must name: the configured host, also when an SSH tunnel makes the TCP host 127.0.0.1.
 */
export function nodeTlsOptions(mode: TSslMode, caCertificate: string | undefined, name: string): ConnectionOptions | false {
  if (mode === "disable") return false;
  if (mode === "require") return { rejectUnauthorized: false };
  const ca = caCertificate?.trim() ? { ca: caCertificate } : {};
  // SNI may not carry an IP address (RFC 6066); tls.connect then checks the name against `host`.
  const names = { host: name, ...(isIP(name) === 0 && { servername: name }) };
  if (mode === "verify-ca") return { rejectUnauthorized: true, ...ca, ...names, checkServerIdentity: () => undefined };
  return { rejectUnauthorized: true, ...ca, ...names };
}

/** A certificate the driver refused, in words a person can act on; undefined for other errors. */
export function describeCertificateError(error: unknown, host: string): string | undefined {
  const err = error as { code?: unknown; message?: unknown; cause?: unknown; originalError?: unknown };
  const code = typeof err?.code === "string" ? err.code : "";
  const detail = typeof err?.message === "string" ? err.message : String(error);
  if (code === "ERR_TLS_CERT_ALTNAME_INVALID" || /does not match certificate's altnames|altname/i.test(detail)) {
    return `The server's certificate is not for "${host}": connect with the host name on the certificate, or set SSL mode to verify-ca to check only who signed it (${detail}).`;
  }
  if (code === "CERT_HAS_EXPIRED" || /certificate has expired/i.test(detail)) return `The server's certificate has expired (${detail}).`;
  if (
    /SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|CERT_SIGNATURE_FAILURE/.test(code) ||
    /self[- ]signed certificate|unable to verify the first certificate|unable to get (local )?issuer certificate|certificate signature failure/i.test(detail)
  ) {
    return `The server's certificate is not signed by a trusted certificate authority: paste the CA certificate that signed it, or set SSL mode to require to encrypt without checking the certificate (${detail}).`;
  }
  for (const inner of [err?.cause, err?.originalError]) {
    if (inner && typeof inner === "object") {
      const found = describeCertificateError(inner, host);
      if (found) return found;
    }
  }
  return undefined;
}
