// The engine reads jsonb as the text PostgreSQL sends and writes it into calls compacted: against a
// real server, every value must come out as the bytes parsing and stringifying it would give.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JsonWriter } from "../../lib/calls/json-writer";
import { writeJsonbText } from "../../lib/calls/write-jsonb-text";
import { JsonText } from "../../lib/connectors/json-text";
import { postgresConnector } from "../../lib/connectors/postgres/index";
import type { TPostgresConfig } from "../../lib/connectors/postgres/spec";
import { startPostgres, type StartedServer } from "../support/postgres";
import { readAll } from "../support/read-all";

let server: StartedServer;
let config: TPostgresConfig;

const VALUES = [
  { a: 1, b: [1, 2, { c: null }], "é ✓": "😀", "quote \" back \\ slash": "tab\t nl\n \u0001 \u007f" },
  { "": 0, z: { y: { x: [[], {}] } }, __proto__key: "x, y: z", "with space": true },
  [1.5, -0.25, 1e-7, 123456.789, 2 ** 53 + 2, 1e21, -0, false, "10"],
  { "10": "integer key", a: 1 },
];

beforeAll(async () => {
  server = await startPostgres();
  const url = new URL(server.url);
  config = { host: url.hostname, port: Number(url.port), database: "app", user: url.username, password: url.password, sslMode: "disable", caCertificate: "" };
  const client = new pg.Client({ connectionString: server.url });
  await client.connect();
  await client.query("CREATE TABLE docs (id int, doc jsonb)");
  for (const [i, value] of VALUES.entries()) await client.query("INSERT INTO docs VALUES ($1, $2::jsonb)", [i, JSON.stringify(value)]);
  // Numbers as numeric computes them: with their scale ("0.50000000000000000000"), huge, tiny, negative zero.
  await client.query(`
    INSERT INTO docs SELECT 100 + g, jsonb_build_object('score', (g % 1000) / 10.0, 'third', g / 3.0, 'price', (g * 7919 % 100000) / 100.0,
      'big', 10::numeric ^ (g % 40), 'tiny', 1 / (10::numeric ^ (g % 12)), 'neg', -g / 8.0, 'zero', 0.000,
      'tags', to_jsonb(ARRAY['t' || g, 'ü' || g]), 'nested', jsonb_build_object('n', g, 'ok', g % 2 = 0))
    FROM generate_series(0, 2000) AS g;
    INSERT INTO docs VALUES (9000, '{"huge": 1e400}'), (9001, '[0.1e1, 12E-3, -0.0]');
  `);
  await client.end();
});

afterAll(async () => {
  await server?.stop();
});

describe("jsonb read for the engine (rawJson)", () => {
  it("comes as JsonText whose compacted text is the parsed value's JSON, byte for byte", async () => {
    const sql = "SELECT id, doc FROM docs ORDER BY id";
    const raw = await readAll(postgresConnector.read(config, sql, { rawJson: true }));
    const parsed = await readAll(postgresConnector.read(config, sql));
    expect(raw.rows.length).toBe(VALUES.length + 2001 + 2);
    let compacted = 0;
    raw.rows.forEach((row, index) => {
      const text = row[1];
      expect(text).toBeInstanceOf(JsonText);
      const out = new JsonWriter(Buffer.alloc(16));
      const expected = JSON.stringify(parsed.rows[index][1]);
      if (writeJsonbText(out, (text as JsonText).text)) {
        compacted++;
        expect(out.buffer.toString("utf8", 0, out.length), (text as JsonText).text).toBe(expected);
      }
      expect(JSON.stringify(text)).toBe(expected);
    });
    expect(compacted).toBe(raw.rows.length - 1); // all but the one with an integer key
  });

  it("leaves the preview's values parsed", async () => {
    const { rows } = await readAll(postgresConnector.read(config, "SELECT doc FROM docs WHERE id = 0"));
    expect(rows[0][0]).toEqual(VALUES[0]);
  });
});
