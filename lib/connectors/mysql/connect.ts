import { connect as connectTcp } from "node:net";
import mysql from "mysql2";
import { sslModeOf, type TSslMode } from "../tls";
import { exactNumber, parseJsonText, timestampTextToIso, toBase64 } from "../values";
import type { Tunnelled } from "../with-tunnel";
import type { TMysqlConfig } from "./spec";

type Field = { type: string; string(encoding?: string): string | null; extendedFormat?: string };

/**
 * Values as every source gives them: DATETIME/TIMESTAMP → ISO-8601 UTC (the session runs in UTC,
 * DATETIME has no zone and is read as UTC), DATE → YYYY-MM-DD, BIGINT/DECIMAL → numbers when exact,
 * JSON → objects (MySQL's JSON type; MariaDB's when it sends the json format flag), binary → base64.
 */
function typeCast(field: Field, next: () => unknown): unknown {
  switch (field.type) {
    case "DATETIME":
    case "TIMESTAMP": {
      const text = field.string("utf8");
      return text === null ? null : timestampTextToIso(text);
    }
    case "DATE":
      return field.string("utf8");
    case "LONGLONG":
    case "NEWDECIMAL":
    case "DECIMAL": {
      const text = field.string("utf8");
      return text === null ? null : exactNumber(text);
    }
    case "JSON": {
      const text = field.string("utf8");
      return text === null ? null : parseJsonText(text);
    }
  }
  if (field.extendedFormat === "json") {
    const text = field.string("utf8");
    return text === null ? null : parseJsonText(text);
  }
  const value = next();
  return Buffer.isBuffer(value) ? toBase64(value) : value;
}

/** mysql2's `ssl` for a libpq-style mode: it checks the name only with `verifyIdentity`. */
export function mysqlSsl(mode: TSslMode, caCertificate: string | undefined): mysql.SslOptions | undefined {
  if (mode === "disable") return undefined;
  if (mode === "require") return { rejectUnauthorized: false };
  return { rejectUnauthorized: true, verifyIdentity: mode === "verify-full", ...(caCertificate?.trim() && { ca: caCertificate }) };
}

export function connectionOptions(config: TMysqlConfig & Tunnelled): mysql.ConnectionOptions {
  const ssl = mysqlSsl(sslModeOf(config) ?? "disable", config.caCertificate);
  // mysql2 checks the certificate against `host`; through an SSH tunnel that must stay the
  // database's own name while the socket goes to the tunnel's end on 127.0.0.1.
  const tunnelled = ssl && config.tlsServerName;
  return {
    host: tunnelled ? config.tlsServerName : config.host,
    port: config.port,
    ...(tunnelled && { stream: () => connectTcp({ host: config.host, port: config.port }) }),
    database: config.database,
    user: config.user,
    password: config.password,
    ssl,
    connectTimeout: 15_000,
    timezone: "Z",
    dateStrings: true,
    supportBigNumbers: true,
    bigNumberStrings: true,
    multipleStatements: false,
    typeCast: typeCast as mysql.TypeCast,
  };
}

export function connectMysql(config: TMysqlConfig): Promise<mysql.Connection> {
  const connection = mysql.createConnection(connectionOptions(config));
  return new Promise((resolve, reject) => {
    connection.connect((error) => {
      if (error) {
        connection.destroy();
        reject(error);
      } else resolve(connection);
    });
  });
}

export function run(connection: mysql.Connection, sql: string): Promise<unknown> {
  return new Promise((resolve, reject) => connection.query(sql, (error, rows) => (error ? reject(error) : resolve(rows))));
}

export function close(connection: mysql.Connection): Promise<void> {
  return new Promise((resolve) => connection.end(() => resolve()));
}
