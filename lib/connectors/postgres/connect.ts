import pg from "pg";
import { nodeTlsOptions, sslModeOf } from "../tls";
import { parseJsonbText } from "../json-text";
import { exactNumber, timestampTextToIso, toBase64 } from "../values";
import type { Tunnelled } from "../with-tunnel";
import type { TPostgresConfig } from "./spec";

const { types } = pg;

// Timestamps without a zone are read as UTC (pg would use the server process's zone) and all
// timestamps become ISO-8601 UTC text; dates stay `YYYY-MM-DD`; 64-bit integers and numerics become
// numbers only when that is exact; bytea becomes base64.
const TIMESTAMP = 1114;
const TIMESTAMPTZ = 1184;
const DATE = 1082;
const INT8 = 20;
const NUMERIC = 1700;
const BYTEA = 17;
const JSONB = 3802;

const parseBytea = types.getTypeParser(BYTEA, "text") as (text: string) => Buffer;

const parsers: Record<number, (text: string) => unknown> = {
  [TIMESTAMP]: timestampTextToIso,
  [TIMESTAMPTZ]: timestampTextToIso,
  [DATE]: (text) => text,
  [INT8]: exactNumber,
  [NUMERIC]: exactNumber,
  [BYTEA]: (text) => toBase64(parseBytea(text)),
};

const typeParsersOf = (own: Record<number, (text: string) => unknown>) => ({
  getTypeParser: ((oid: number, format?: string) => own[oid] ?? types.getTypeParser(oid, format as "text")) as typeof types.getTypeParser,
});

export const typeParsers = typeParsersOf(parsers);
/** For the engine: jsonb objects and arrays stay the text the database sent (JsonText). */
const rawJsonTypeParsers = typeParsersOf({ ...parsers, [JSONB]: parseJsonbText });

export function clientConfig(config: TPostgresConfig & Tunnelled, rawJson = false): pg.ClientConfig {
  return {
    host: config.host,
    port: config.port,
    database: config.database,
    user: config.user,
    password: config.password,
    // libpq's sslmode; a config stored before it had `ssl`. Through an SSH tunnel the certificate
    // still has to name the configured host, not 127.0.0.1.
    ssl: nodeTlsOptions(sslModeOf(config) ?? "disable", config.caCertificate, config.tlsServerName ?? config.host),
    connectionTimeoutMillis: 15_000,
    types: rawJson ? rawJsonTypeParsers : typeParsers,
    application_name: "tidewater",
  };
}
