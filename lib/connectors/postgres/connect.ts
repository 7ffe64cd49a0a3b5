import pg from "pg";
import type { TPostgresConfig } from "./spec";

const { types } = pg;

// Timestamps without a zone are read as UTC (pg would use the server process's zone); dates stay
// `YYYY-MM-DD`; 64-bit integers and numerics become numbers only when that is exact.
const TIMESTAMP = 1114;
const DATE = 1082;
const INT8 = 20;
const NUMERIC = 1700;

function exactNumber(text: string): number | string {
  const value = Number(text);
  if (!Number.isFinite(value)) return text;
  if (/^-?\d+$/.test(text)) return Number.isSafeInteger(value) ? value : text;
  // A decimal converts exactly when printing the number gives back the same digits.
  return String(value) === text.replace(/(\.\d*?)0+$/, "$1").replace(/\.$/, "") ? value : text;
}

const parsers: Record<number, (text: string) => unknown> = {
  [TIMESTAMP]: (text) => new Date(`${text.replace(" ", "T")}Z`).toISOString(),
  [DATE]: (text) => text,
  [INT8]: exactNumber,
  [NUMERIC]: exactNumber,
};

export const typeParsers = {
  getTypeParser: ((oid: number, format?: string) =>
    parsers[oid] ?? types.getTypeParser(oid, format as "text")) as typeof types.getTypeParser,
};

export function clientConfig(config: TPostgresConfig): pg.ClientConfig {
  return {
    host: config.host,
    port: config.port,
    database: config.database,
    user: config.user,
    password: config.password,
    // Encrypted without certificate verification, like libpq's sslmode=require.
    ssl: config.ssl ? { rejectUnauthorized: false } : false,
    connectionTimeoutMillis: 15_000,
    types: typeParsers,
    application_name: "tidewater",
  };
}
