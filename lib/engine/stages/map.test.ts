import { describe, expect, it } from "vitest";
import { seededRandom } from "../../../test/support/seeded-random";
import { JsonText } from "../../connectors/json-text";
import { CALL_TYPES, type TCallType } from "../call-types";
import { compileRowMapper, mapToJson } from "./map";
import { mapRow } from "../map-row";
import { planColumns } from "../plan-columns";

const mapper = (type: TCallType, columns: string[]) => compileRowMapper(type, planColumns(type, columns), "sync_1");

describe("compileRowMapper", () => {
  it("writes rows straight to JSON for plans whose columns each have a path of their own", () => {
    expect(mapper("identify", ["userId", "email", "cart.total", "cart.items", "context.ip"]).direct).toBe(true);
    expect(mapper("track", ["userId", "event", "messageId", "timestamp", "integrations"]).direct).toBe(true);
    expect(mapper("alias", ["previousId", "userId"]).direct).toBe(true);
  });

  it("leaves plans where two columns set one path to mapRow", () => {
    expect(mapper("identify", ["userId", "cart", "cart.total"]).direct).toBe(false);
    expect(mapper("identify", ["userId", "email", "EMAIL"]).direct).toBe(true); // traits keep the case
    expect(mapper("identify", ["userId", "USERID"]).direct).toBe(false);
    expect(mapper("identify", ["userId.first", "email"]).direct).toBe(false);
  });

  it("gives mapRow's reason for a row it cannot write", () => {
    const compiled = mapper("identify", ["userId", "bio"]);
    expect(compiled.direct).toBe(true);
    const map = (row: unknown[]) => mapToJson(compiled, row);
    const result = map(["u1", "x".repeat(200_000)]);
    expect(result).toEqual({ ok: false, reason: expect.stringContaining('Column "bio" holds') });
    expect(map([{ a: 1 }, "ok"])).toEqual({ ok: false, reason: expect.stringContaining("userId must be a text or number value") });
    const bigJsonb = new JsonText(`{"big": "${"x".repeat(140_000)}"}`);
    expect(map(["u1", bigJsonb])).toEqual({ ok: false, reason: expect.stringContaining('Column "bio" holds') });
  });

  it("produces exactly mapRow's bytes, messageIds and reasons for random plans and rows", () => {
    const random = seededRandom(7);
    const names = ["userId", "USERID", "anonymousId", "event", "name", "groupId", "previousId", "objectTypeId", "messageId", "timestamp", "context", "context.ip", "integrations.All", "traits.object_type_id", "properties.x", "email", "cart.total", "cart.items.0", "plan", "a.b.c"];
    const values: unknown[] = [
      null, undefined, "", "u1", "Ada \"Lovelace\" \u0001 ✓", "tab\there\\ 😀", "lone \ud800 half", "line\nbreak", 0, -1.5, 2 ** 53, Number.NaN, Infinity, true, false, 12n, 2n ** 64n,
      new Date("2026-01-02T03:04:05Z"), new Date("nope"), Buffer.from("hi"), [1, { a: null }], { nested: { deep: [1, "x"] } },
      "2026-11-01 10:00:00", 1_700_000_000, "not a date", "x".repeat(25_000), "del \u007f", "é", "a".repeat(64), "b".repeat(65),
      `${"ü".repeat(70)}"`,
      // integers written digit by digit (JsonWriter.integer)
      -0, 7, -1, -7, 10, 100, 123456, -9870, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER,
      // jsonb as the engine reads it from PostgreSQL
      new JsonText('{"a": "x, y", "b": [1, 2.50, {"c": null}], "é": true}'), new JsonText('[1, "two", 0.000]'),
      new JsonText('{"a": 1, "10": 2}'), new JsonText('{"ip": "10.0.0.1"}'),
    ];
    let direct = 0;
    for (let i = 0; i < 3_000; i++) {
      const type = CALL_TYPES[Math.floor(random() * CALL_TYPES.length)];
      const columns = [...new Set(Array.from({ length: 1 + Math.floor(random() * 6) }, () => names[Math.floor(random() * names.length)]))];
      const plan = planColumns(type, columns);
      const compiled = compileRowMapper(type, plan, "sync_1");
      if (compiled.direct) direct++;
      for (let r = 0; r < 3; r++) {
        const row = columns.map(() => values[Math.floor(random() * values.length)]);
        const expected = mapRow(type, plan, row, "sync_1");
        const want = expected.ok ? { ok: true, json: expected.json } : expected;
        expect(mapToJson(compiled, row), `${type} ${JSON.stringify(columns)}`).toEqual(want);
      }
    }
    expect(direct).toBeGreaterThan(1_500); // the comparison mostly exercised the direct writer
  }, 60_000);
});
