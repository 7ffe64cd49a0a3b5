// The PostgreSQL reader decodes rows from the wire bytes itself (row-decoder.ts): against a real
// server, every value of every type must be what pg and the connector's type parsers give.
import pg from "pg";
import Cursor from "pg-cursor";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientConfig } from "../../lib/connectors/postgres/connect";
import type { KnownRows } from "../../lib/connectors/known-rows";
import { decodingClient } from "../../lib/connectors/postgres/decoding-client";
import { postgresConnector } from "../../lib/connectors/postgres/index";
import type { TPostgresConfig } from "../../lib/connectors/postgres/spec";
import { startPostgres, type StartedServer } from "../support/postgres";
import { readAll } from "../support/read-all";

let server: StartedServer;
let config: TPostgresConfig;

// Edge values of each type the decoder handles itself, and of the types it hands to their parser.
const EDGES = `
  SELECT * FROM (VALUES
    (1, '-32768'::int2, '-2147483648'::int4, 9007199254740991::int8, true, timestamptz '2024-01-01 00:00:00+00', timestamp '2024-02-29 23:59:59.999999',
     '0'::numeric, 'plain', 4294967295::oid),
    (2, 32767::int2, 2147483647::int4, 9007199254740993::int8, false, timestamptz '2024-01-01 00:00:00.5+00', timestamp '1999-12-31 23:59:59.1',
     '-0.00'::numeric, '', 0::oid),
    (3, 0::int2, 0::int4, '-9223372036854775808'::int8, NULL, 'infinity'::timestamptz, '-infinity'::timestamp, '12.50'::numeric, 'é ✓ 😀 "q" \\ back', NULL),
    (4, '-1'::int2, '-7'::int4, 123456789012345::int8, NULL, timestamptz '0044-03-15 12:00:00+00 BC', timestamp '0001-01-01 00:00:00', '1e20'::numeric, NULL, 26::oid),
    (5, NULL, NULL, '-123456789012345'::int8, true, timestamptz '10000-01-01 00:00:00+00', timestamp '294276-12-31 23:59:59.999999', '123456789012345678901234567890'::numeric, 'x', NULL),
    (6, 7::int2, 42::int4, 1234567890123456::int8, false, NULL, NULL, 'NaN'::numeric, 'tab\tnl', NULL),
    (7, 1::int2, 1::int4, '-1234567890123456'::int8, true, timestamptz '2024-06-01 12:00:00.000001+00', timestamp '2024-06-01 12:00:00.12', '-19.99'::numeric, ' ', NULL),
    (8, 1::int2, 1::int4, 0::int8, true, timestamptz '1970-01-01 00:00:00+00', timestamp '1970-01-01 00:00:00.0001', '007'::numeric, 'end', NULL)
  ) AS t (id, small, regular, big, flag, at_zone, at_local, amount, label, object_id)
  ORDER BY id`;

const OTHER_TYPES = `
  SELECT 1 AS id, date '2024-02-29', time '10:11:12.5', timetz '10:11:12+02', interval '1 day 2 hours', 1.5::float4, 'NaN'::float8,
    '-Infinity'::float8, -0::float8, 'a'::char(3), 'name'::name, 'x'::varchar(4), 'c0a80164-1234-4abc-8def-0123456789ab'::uuid, '\\x00ff'::bytea,
    '{"a": [1, {"b": null}]}'::json, '{"z": 1, "a": [true, "ü"]}'::jsonb, '"s"'::jsonb, '1.50'::jsonb, 'null'::jsonb, ARRAY[1, NULL, 3]::int4[],
    ARRAY['a', NULL, 'b "c"']::text[], '192.168.1.0/24'::inet, 12.34::money, '(1,2)'::point, B'101'::bit(3)`;

// Timestamps of every fraction length PostgreSQL prints (it drops trailing zeros) and integers of every width.
const SERIES = `
  SELECT g, timestamptz '2024-01-01 00:00:00+00' + g * interval '1.234567 second', timestamp '2000-01-01' + g * interval '0.5 millisecond',
    g * 7919 - 4000000, g::int8 * 104729 * 104729 * 31, g::int8 * 3074457345618258, g % 3 = 0, ((g * 7919) % 1000000) / 100.0
  FROM generate_series(-3000, 3000) AS g`;

/** The rows as plain pg gives them with the connector's type parsers, in the session the reader opens. */
async function readWithPg(sql: string, rawJson: boolean, client = new pg.Client(clientConfig(config, rawJson)), zone = "UTC") {
  await client.connect();
  try {
    await client.query(`BEGIN READ ONLY; SET LOCAL TIME ZONE '${zone}'`);
    const cursor = client.query(new Cursor(sql, [], { rowMode: "array" }));
    const rows = await cursor.read(100_000);
    await cursor.close();
    await client.query("ROLLBACK");
    return rows;
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  server = await startPostgres();
  const url = new URL(server.url);
  config = { host: url.hostname, port: Number(url.port), database: "app", user: url.username, password: url.password, sslMode: "disable", caCertificate: "" };
});

afterAll(async () => {
  await server?.stop();
});

describe("rows decoded from the wire bytes", () => {
  for (const rawJson of [false, true]) {
    for (const [name, sql] of Object.entries({ edges: EDGES, "other types": OTHER_TYPES, series: SERIES })) {
      it(`give every value pg gives (${name}${rawJson ? ", jsonb as text" : ""})`, async () => {
        const expected = await readWithPg(sql, rawJson);
        const { rows } = await readAll(postgresConnector.read(config, sql, { rawJson }));
        expect(rows.length).toBe(expected.length);
        expect(rows).toEqual(expected);
      });
    }
  }

  it("are what pg gives in another session zone too (timestamps with an offset)", async () => {
    const sql = `${SERIES} UNION ALL SELECT 0, timestamptz '2024-03-31 01:59:59.9+00', NULL, NULL, NULL, NULL, NULL, NULL`;
    const zone = "Asia/Kolkata";
    const expected = await readWithPg(sql, false, undefined, zone);
    const decoded = await readWithPg(sql, false, decodingClient(clientConfig(config)), zone);
    expect(decoded).toEqual(expected);
    expect(String(decoded[0][1])).toMatch(/Z$/);
  });

  it("are decoded by the reader itself, not by pg's type parsers", async () => {
    const plain = new pg.Client({ ...clientConfig(config), types: { getTypeParser: () => (text: string) => text } } as pg.ClientConfig);
    const undecoded = await readWithPg("SELECT 42::int4, true, timestamptz '2024-01-01 00:00:00+00'", false, plain);
    expect(undecoded[0]).toEqual(["42", "t", "2024-01-01 00:00:00+00"]);
    const decoded = await readWithPg("SELECT 42::int4, true, timestamptz '2024-01-01 00:00:00+00'", false, decodingClient(clientConfig(config)));
    expect(decoded[0]).toEqual([42, true, "2024-01-01T00:00:00.000Z"]);
  });
});

describe("a row whose decoding throws", () => {
  // Rows are decoded in the socket's data handler: a throw there would end the process.
  it("fails the read with the error and stops looking it up: a KnownRows lookup (the snapshot's file failing)", async () => {
    let lookups = 0;
    const knownRows: KnownRows = {
      start: () => [0],
      check: () => {
        lookups++;
        throw new Error("disk I/O error");
      },
      lastHash: () => "",
    };
    const read = readAll(postgresConnector.read(config, "SELECT g FROM generate_series(1, 3000) AS g", { knownRows }));
    await expect(read).rejects.toThrow("disk I/O error");
    expect(lookups).toBe(1);
  });

  it("keeps what a type parser throws for the reader, and still reads the other messages", async () => {
    const broken = new Error("no parser for this");
    const types = { getTypeParser: (oid: number) => (oid === 23 ? () => { throw broken; } : (text: string) => text) };
    const client = decodingClient({ ...clientConfig(config), types } as pg.ClientConfig);
    const rows = await readWithPg("SELECT 1::int4, 'a'::text UNION ALL SELECT 2, 'b'", false, client);
    expect(rows).toHaveLength(2);
    expect(client.decodeError).toBe(broken);
  });
});
