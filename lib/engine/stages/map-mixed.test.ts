import { describe, expect, it } from "vitest";
import { JsonWriter } from "../../calls/json-writer";
import type { TCallType } from "../call-types";
import { ResultShapeError, planColumns } from "../plan-columns";
import { compileRowMapper, mapToJson, type ResultMapping } from "./map";
import { mapMixedRow, MixedRowMapping, planMixedColumns, resultMapping, rowCallType } from "./map-mixed";

const SYNC = "sync_mixed";
// One result for every call type: each type takes what it reserves, the rest are its traits/properties.
const COLUMNS = ["type", "userId", "anonymousId", "event", "name", "groupId", "previousId", "plan", "context.ip", "cart.total"];

const rowFor = (type: unknown, values: Partial<Record<string, unknown>>) => COLUMNS.map((column) => (column === "type" ? type : (values[column] ?? null)));

function written(mapping: ResultMapping, row: unknown[]): { ok: true; json: string } | { ok: false; reason: string } {
  const out = new JsonWriter(Buffer.allocUnsafe(64));
  const reason = mapping.write(row, out);
  return reason === undefined ? { ok: true, json: out.buffer.toString("utf8", 0, out.length) } : { ok: false, reason };
}

/** What a sync of that one type makes of the same row without the type column (same sync id, so the same messageId). */
function singleType(type: TCallType, row: unknown[]) {
  const columns = COLUMNS.filter((column) => column !== "type");
  const values = row.filter((_, index) => COLUMNS[index] !== "type");
  return mapToJson(compileRowMapper(type, planColumns(type, columns), SYNC), values);
}

const mixed = new MixedRowMapping(COLUMNS, SYNC);

describe("a mixed sync's rows, one call type each", () => {
  // A NULL top-level field is absent; a NULL trait or property (or child like context.ip) is sent as null, as in any sync.
  const cases: [TCallType, Partial<Record<string, unknown>>, Record<string, unknown>][] = [
    ["identify", { userId: 7, plan: "pro", name: "Ada", "cart.total": 3 }, { type: "identify", userId: "7", traits: { event: null, name: "Ada", previousId: null, plan: "pro", cart: { total: 3 } }, context: { ip: null } }],
    ["track", { userId: "u1", event: "Signed Up", plan: "pro", "context.ip": "10.0.0.1" }, { type: "track", userId: "u1", event: "Signed Up", properties: { name: null, groupId: null, previousId: null, plan: "pro", cart: { total: null } }, context: { ip: "10.0.0.1" } }],
    // A group's name is a trait (the company's); groupId is reserved.
    ["group", { userId: "u1", groupId: "acme", name: "Acme Inc" }, { type: "group", userId: "u1", groupId: "acme", traits: { event: null, name: "Acme Inc", previousId: null, plan: null, cart: { total: null } }, context: { ip: null } }],
    // A page's name is the page.
    ["page", { anonymousId: "a1", name: "Pricing", plan: "free" }, { type: "page", anonymousId: "a1", name: "Pricing", properties: { groupId: null, previousId: null, plan: "free", cart: { total: null } }, context: { ip: null } }],
    ["screen", { userId: "u2", name: "Home" }, { type: "screen", userId: "u2", name: "Home", properties: { groupId: null, previousId: null, plan: null, cart: { total: null } }, context: { ip: null } }],
    // An alias has no traits or properties: its other columns stay at the top level.
    ["alias", { userId: "u3", previousId: "anon-9", plan: "pro" }, { type: "alias", userId: "u3", previousId: "anon-9", plan: "pro", context: { ip: null }, cart: { total: null } }],
  ];

  it.each(cases)("maps a %s row by that type's reserved fields and traits/properties rules", (type, values, expected) => {
    const result = written(mixed, rowFor(type, values));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const call = JSON.parse(result.json) as Record<string, unknown>;
    expect(call).toEqual({ ...expected, messageId: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/) });
  });

  it.each(cases)("writes a %s row byte for byte as a sync of that type writes it, without the type column", (type, values) => {
    const row = rowFor(type, values);
    const result = written(mixed, row);
    expect(result).toEqual(singleType(type, row));
    // The type column is not sent: the only "type" is the call's own, first.
    expect(result.ok && result.json.startsWith(`{"type":"${type}",`)).toBe(true);
    expect(result.ok && result.json.match(/"type"/g)).toHaveLength(1);
  });

  it("gives each type's required-field reason", () => {
    expect(written(mixed, rowFor("identify", { plan: "pro" }))).toEqual({ ok: false, reason: "An identify call needs a userId or an anonymousId column value." });
    expect(written(mixed, rowFor("track", { userId: "u1" }))).toEqual({ ok: false, reason: "A track call needs an event column value (the event name)." });
    expect(written(mixed, rowFor("group", { userId: "u1" }))).toEqual({ ok: false, reason: "A group call needs a groupId column value." });
    expect(written(mixed, rowFor("page", { userId: "u1" }))).toEqual({ ok: false, reason: "A page call needs a name column value (the page name)." });
    expect(written(mixed, rowFor("screen", { name: "Home" }))).toEqual({ ok: false, reason: "A screen call needs a userId or an anonymousId column value." });
    expect(written(mixed, rowFor("alias", { userId: "u1" }))).toEqual({ ok: false, reason: "An alias call needs a previousId column value." });
  });

  it("refuses a row of an unknown type with its reason", () => {
    expect(written(mixed, rowFor("foo", { userId: "u1" }))).toEqual({ ok: false, reason: 'Unknown type "foo": use identify, track, group, page, screen or alias.' });
    expect(written(mixed, rowFor("mixed", { userId: "u1" }))).toEqual({ ok: false, reason: 'Unknown type "mixed": use identify, track, group, page, screen or alias.' });
    expect(written(mixed, rowFor(3, { userId: "u1" }))).toEqual({ ok: false, reason: 'Unknown type "3": use identify, track, group, page, screen or alias.' });
    expect(written(mixed, rowFor("track_event", { userId: "u1", event: "x" }))).toMatchObject({ ok: false, reason: expect.stringContaining('Unknown type "track_event"') });
    const long = written(mixed, rowFor("x".repeat(500), { userId: "u1" }));
    expect(long.ok === false && long.reason.length).toBeLessThan(120);
  });

  it("refuses a row without a type (NULL, empty or blank) with its reason", () => {
    const reason = "This row has no type: its type column must name the call (identify, track, group, page, screen or alias).";
    for (const missing of [null, undefined, "", "   "]) expect(written(mixed, rowFor(missing, { userId: "u1" }))).toEqual({ ok: false, reason });
  });

  it("takes the type's name without regard to case or surrounding spaces, and sends it in lower case", () => {
    const row = rowFor("  Track ", { userId: "u1", event: "Signed Up" });
    const result = written(mixed, row);
    expect(result).toEqual(singleType("track", row));
    expect(written(mixed, rowFor("IDENTIFY", { userId: "u1" }))).toEqual(singleType("identify", rowFor("identify", { userId: "u1" })));
    expect(rowCallType("\tgroup\n")).toEqual({ ok: true, type: "group" });
  });

  it("maps as the reference mapping (mapRow) does, for Run Query's preview", () => {
    const plan = planMixedColumns(COLUMNS);
    for (const [type, values] of cases) {
      const row = rowFor(type, values);
      const reference = mapMixedRow(plan, row, SYNC);
      expect(reference.ok && reference.json).toBe((written(mixed, row) as { json: string }).json);
    }
    expect(mapMixedRow(plan, rowFor("nope", {}), SYNC)).toEqual({ ok: false, reason: expect.stringContaining('Unknown type "nope"') });
  });

  it("finds the type column as reserved names are found: exactly, else without regard to case", () => {
    expect(planMixedColumns(["userId", "TYPE", "event"]).typeIndex).toBe(1);
    expect(planMixedColumns(["Type", "type", "userId"]).typeIndex).toBe(1);
    // A column addressed to the payload is not the type column.
    const plan = planMixedColumns(["userId", "traits.type", "type"]);
    expect(plan.typeIndex).toBe(2);
    expect(plan.plans.identify.map((column) => column.path)).toEqual([["userId"], ["traits", "type"]]);
    const mapping = new MixedRowMapping(["TYPE", "userId", "traits.type"], SYNC);
    const call = written(mapping, ["identify", "u1", "vip"]);
    expect(call.ok && JSON.parse(call.json)).toMatchObject({ type: "identify", userId: "u1", traits: { type: "vip" } });
  });

  it("fails the run when the result has no type column", () => {
    expect(() => planMixedColumns(["userId", "event"])).toThrow(ResultShapeError);
    expect(() => planMixedColumns(["userId", "event"])).toThrow('A mixed sync needs a "type" column naming each row\'s call (identify, track, group, page, screen or alias); the query returned "userId", "event".');
  });

  it("tells a refused call's row back with its type column", () => {
    const row = rowFor("track", { userId: "u1", event: "Signed Up", plan: "pro" });
    const result = written(mixed, row);
    if (!result.ok) throw new Error(result.reason);
    const back = mixed.rowOfCall({ rowNumber: 1, messageId: "m", json: result.json, bytes: result.json.length }, undefined);
    expect(Object.keys(back)).toEqual(COLUMNS);
    expect(back).toMatchObject({ type: "track", userId: "u1", event: "Signed Up", plan: "pro" });
    expect(mixed.rowOf(row)).toEqual(Object.fromEntries(COLUMNS.map((column, index) => [column, row[index]])));
  });

  it("is what resultMapping gives a mixed sync, and a single-type sync keeps its own mapping", () => {
    expect(resultMapping("mixed", COLUMNS, SYNC)).toBeInstanceOf(MixedRowMapping);
    // In a single-type sync a "type" column is a trait like any other.
    const identify = written(resultMapping("identify", ["userId", "type"], SYNC), ["u1", "track"]);
    expect(identify.ok && JSON.parse(identify.json)).toMatchObject({ type: "identify", traits: { type: "track" } });
  });
});
