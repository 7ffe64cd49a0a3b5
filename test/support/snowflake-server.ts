// A fake Snowflake: the REST endpoints snowflake-sdk uses (login, query, result polling, abort,
// result chunks, session delete), so the real SDK talks to it over loopback via `accessUrl`.
import { createPublicKey, verify } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";

/** Snowflake's JSON result metadata: type is fixed, real, text, date, time, timestamp_ntz/ltz/tz, variant, object, array, binary, boolean. */
export type SnowflakeColumn = { name: string; type: string; scale?: number; precision?: number };

export type SnowflakeReply =
  /** Values as Snowflake's JSON result format writes them: every value a string or null. */
  | { columns: SnowflakeColumn[]; rows: (string | null)[][]; chunkSize?: number; /** 0x1000 (SELECT) unless set; 0x3100 is INSERT. */ statementTypeId?: number }
  | { error: { code: string; message: string; sqlState?: string } }
  /** Keeps answering "in progress" until the query is aborted. */
  | { hang: true };

export type FakeSnowflake = {
  url: string;
  queries: string[];
  /** The statement parameters each query request carried (snowflake-sdk's `parameters`), in order. */
  parameters: Record<string, unknown>[];
  aborted: number;
  /** Queries still running (hung and not aborted). */
  running: number;
  chunkRequests: number;
  stop(): Promise<void>;
};

export type SnowflakeServerOptions = {
  users: Record<string, { password?: string; publicKeyPem?: string }>;
  respond(sql: string): SnowflakeReply;
  /** Called as each login ("login") or query request (its SQL) arrives, before it is answered. */
  onRequest?(what: string): void;
};

export async function startFakeSnowflake(options: SnowflakeServerOptions): Promise<FakeSnowflake> {
  const state = { queries: [] as string[], parameters: [] as Record<string, unknown>[], aborted: 0, running: 0, chunkRequests: 0 };
  // Session parameters set with ALTER SESSION; a statement's own parameters override them.
  const session: Record<string, unknown> = {};
  const hung = new Map<string, boolean>(); // queryId → aborted
  const chunks = new Map<string, string>();
  let nextId = 1;
  let base = "";

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", base);
    const body = await readJson(req);
    if (url.pathname === "/session/v1/login-request") return login(body, res);
    if (url.pathname.startsWith("/chunks/")) {
      state.chunkRequests += 1;
      const chunk = chunks.get(url.pathname);
      // Cloud storage serves chunks as bytes, not as JSON.
      res.writeHead(chunk === undefined ? 404 : 200, { "content-type": "application/octet-stream" });
      return res.end(chunk ?? "");
    }
    if (req.headers.authorization !== 'Snowflake Token="session-token"') {
      return reply(res, { success: false, code: "390104", message: "User must login again to access the service.", data: null });
    }
    if (url.pathname === "/queries/v1/query-request") {
      return query(String((body?.sqlText as string | undefined) ?? ""), (body?.parameters ?? {}) as Record<string, unknown>, res);
    }
    const result = /^\/queries\/([^/]+)\/result$/.exec(url.pathname);
    if (result) return poll(result[1], res);
    const abort = /^\/queries\/([^/]+)\/abort-request$/.exec(url.pathname);
    if (abort || url.pathname === "/queries/v1/abort-request") {
      state.aborted += 1;
      for (const [id, done] of hung) {
        if (!done && (!abort || abort[1] === id)) {
          hung.set(id, true);
          state.running -= 1;
        }
      }
      return reply(res, { success: true, data: null });
    }
    if (url.pathname === "/session") return reply(res, { success: true, data: null });
    return reply(res, { success: true, data: {} }); // telemetry and the like
  });

  function login(body: Record<string, unknown> | undefined, res: ServerResponse) {
    options.onRequest?.("login");
    const data = (body?.data ?? {}) as Record<string, string>;
    const user = options.users[data.LOGIN_NAME];
    let ok = false;
    if (user && data.AUTHENTICATOR === "SNOWFLAKE_JWT") ok = !!user.publicKeyPem && verifyJwt(data.TOKEN, user.publicKeyPem);
    else if (user) ok = user.password !== undefined && user.password === data.PASSWORD;
    if (!ok && data.AUTHENTICATOR === "SNOWFLAKE_JWT") {
      return reply(res, { success: false, code: "390144", message: "JWT token is invalid.", data: { nextAction: null } });
    }
    if (!ok) return reply(res, { success: false, code: "390100", message: "Incorrect username or password was specified.", data: { nextAction: null } });
    reply(res, {
      success: true,
      code: null,
      message: null,
      data: {
        token: "session-token", masterToken: "master-token", validityInSeconds: 3600, masterValidityInSeconds: 14400,
        sessionId: 1, parameters: [{ name: "TIMEZONE", value: "UTC" }],
        sessionInfo: { databaseName: "APP", schemaName: "PUBLIC", warehouseName: "WH", roleName: "READER" },
      },
    });
  }

  function query(sql: string, parameters: Record<string, unknown>, res: ServerResponse) {
    options.onRequest?.(sql);
    state.queries.push(sql);
    state.parameters.push(parameters);
    const queryId = `q-${nextId++}`;
    const setting = /^ALTER SESSION SET ((?:\w+ = \d+\s*)+)$/.exec(sql);
    if (setting) for (const [, name, value] of setting[1].matchAll(/(\w+) = (\d+)/g)) session[name] = Number(value);
    // Like Snowflake: with MULTI_STATEMENT_COUNT = 1 (its default) a request holds one statement.
    const expected = Number(parameters.MULTI_STATEMENT_COUNT ?? session.MULTI_STATEMENT_COUNT ?? 1);
    const count = sql.split(";").filter((part) => part.trim() !== "").length;
    if (expected !== 0 && count !== expected) {
      return reply(res, failure(queryId, { code: "000008", message: `Actual statement count ${count} did not match the desired statement count ${expected}.` }));
    }
    if (setting || /^(BEGIN TRANSACTION|ROLLBACK)$/.test(sql)) {
      return reply(res, { success: true, data: { queryId, rowtype: [{ name: "status", type: "text", nullable: false }], rowset: [["Statement executed successfully."]], total: 1, returned: 1, queryResultFormat: "json", parameters: [] } });
    }
    const answer = options.respond(sql);
    if ("hang" in answer) {
      hung.set(queryId, false);
      state.running += 1;
      return reply(res, inProgress(queryId));
    }
    if ("error" in answer) return reply(res, failure(queryId, answer.error));
    const chunkSize = answer.chunkSize ?? Number.POSITIVE_INFINITY;
    const first = answer.rows.slice(0, Math.min(chunkSize, answer.rows.length));
    const rest: { url: string; rowCount: number; uncompressedSize: number; compressedSize: number }[] = [];
    for (let at = first.length, index = 0; at < answer.rows.length; at += chunkSize, index += 1) {
      const rows = answer.rows.slice(at, at + chunkSize);
      const path = `/chunks/${queryId}/${index}`;
      // A result chunk is the rows' JSON without the enclosing brackets.
      const text = rows.map((row) => JSON.stringify(row)).join(",");
      chunks.set(path, text);
      rest.push({ url: `${base}${path}`, rowCount: rows.length, uncompressedSize: text.length, compressedSize: text.length });
    }
    reply(res, {
      success: true,
      code: null,
      message: null,
      data: {
        queryId, statementTypeId: answer.statementTypeId ?? 0x1000, version: 1, queryResultFormat: "json", parameters: RESULT_PARAMETERS,
        rowtype: answer.columns.map((column) => ({ nullable: true, length: null, byteLength: null, precision: column.precision ?? null, scale: column.scale ?? null, ...column })),
        rowset: first, total: answer.rows.length, returned: answer.rows.length,
        ...(rest.length > 0 && { chunks: rest, chunkHeaders: { "x-fake": "1" } }),
      },
    });
  }

  function poll(queryId: string, res: ServerResponse) {
    if (!hung.has(queryId)) return reply(res, failure(queryId, { code: "000605", message: "Unknown query." }));
    if (hung.get(queryId)) return reply(res, failure(queryId, { code: "000604", message: "SQL execution canceled", sqlState: "57014" }));
    // Snowflake answers "still running" after a while; the SDK then asks again.
    setTimeout(() => reply(res, inProgress(queryId)), 100);
  }

  function inProgress(queryId: string) {
    return { success: true, code: "333334", message: "Asynchronous execution in progress.", data: { queryId, getResultUrl: `/queries/${queryId}/result` } };
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return Object.assign(state, {
    url: base,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  }) as FakeSnowflake;
}

// The session parameters Snowflake sends with every result; the SDK formats values with them.
const RESULT_PARAMETERS = [
  { name: "TIMEZONE", value: "UTC" },
  { name: "BINARY_OUTPUT_FORMAT", value: "HEX" },
  { name: "DATE_OUTPUT_FORMAT", value: "YYYY-MM-DD" },
  { name: "TIME_OUTPUT_FORMAT", value: "HH24:MI:SS" },
  { name: "TIMESTAMP_OUTPUT_FORMAT", value: "YYYY-MM-DD HH24:MI:SS.FF3 TZHTZM" },
  { name: "TIMESTAMP_NTZ_OUTPUT_FORMAT", value: "YYYY-MM-DD HH24:MI:SS.FF3" },
  { name: "TIMESTAMP_LTZ_OUTPUT_FORMAT", value: "" },
  { name: "TIMESTAMP_TZ_OUTPUT_FORMAT", value: "" },
];

function failure(queryId: string, error: { code: string; message: string; sqlState?: string }) {
  return { success: false, code: error.code, message: error.message, data: { queryId, errorCode: error.code, sqlState: error.sqlState ?? "42000" } };
}

function reply(res: ServerResponse, body: unknown) {
  res.writeHead(200, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  let raw = Buffer.concat(parts);
  if (raw.length === 0) return undefined;
  if (req.headers["content-encoding"] === "gzip") raw = gunzipSync(raw);
  try {
    return JSON.parse(raw.toString("utf8")) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/** Checks an RS256 JWT's signature against the user's registered public key. */
function verifyJwt(token: string | undefined, publicKeyPem: string): boolean {
  const [header, payload, signature] = (token ?? "").split(".");
  if (!header || !payload || !signature) return false;
  return verify("RSA-SHA256", Buffer.from(`${header}.${payload}`), createPublicKey(publicKeyPem), Buffer.from(signature, "base64url"));
}
