import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Call, TCallType } from "./call-types";
import { LIMITS } from "./limits";
import { compileRowMapper, mapToJson } from "./stages/map";
import { mapRow, type MapResult } from "./map-row";
import { planColumns } from "./plan-columns";

const SYNC = "sync_1";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const anyMessageId = expect.stringMatching(UUID);

/** mapRow's result, checked against the engine's compiled mapper: the same bytes or the same reason. */
function map(type: TCallType, columns: string[], row: unknown[], syncId = SYNC): MapResult {
  const plan = planColumns(type, columns);
  const result = mapRow(type, plan, row, syncId);
  expect(mapToJson(compileRowMapper(type, plan, syncId), row)).toEqual(result.ok ? { ok: true, json: result.json } : result);
  return result;
}

/** Maps a row that must succeed; checks the JSON matches the call. */
function call(type: TCallType, columns: string[], row: unknown[], syncId = SYNC): Call {
  const result = map(type, columns, row, syncId);
  if (!result.ok) throw new Error(`expected a call, got: ${result.reason}`);
  expect(JSON.parse(result.json)).toEqual(result.call);
  expect(result.json).toBe(JSON.stringify(result.call));
  return result.call;
}

/** Maps a row that must be refused; returns the reason. */
function refused(type: TCallType, columns: string[], row: unknown[]): string {
  const result = map(type, columns, row);
  if (result.ok) throw new Error(`expected a row error, got: ${result.json.slice(0, 300)}`);
  expect(typeof result.reason).toBe("string");
  expect(result.reason.length).toBeGreaterThan(0);
  return result.reason;
}

describe("mapRow: one call of the sync's type per row", () => {
  it.each<[TCallType, string[], unknown[], Record<string, unknown>]>([
    [
      "identify",
      ["userId", "email", "plan", "logins"],
      ["u1", "ada@example.com", "pro", 3],
      { type: "identify", userId: "u1", traits: { email: "ada@example.com", plan: "pro", logins: 3 } },
    ],
    [
      "identify",
      ["anonymousId", "email"],
      ["anon-1", "x@example.com"],
      { type: "identify", anonymousId: "anon-1", traits: { email: "x@example.com" } },
    ],
    [
      "track",
      ["userId", "event", "revenue", "currency"],
      ["u1", "Order Completed", 19.99, "EUR"],
      { type: "track", userId: "u1", event: "Order Completed", properties: { revenue: 19.99, currency: "EUR" } },
    ],
    [
      "group",
      ["groupId", "userId", "plan", "employees"],
      ["g1", "u1", "enterprise", 250],
      { type: "group", groupId: "g1", userId: "u1", traits: { plan: "enterprise", employees: 250 } },
    ],
    [
      "group",
      ["groupId", "objectTypeId", "industry"],
      ["acme", "1", "rockets"],
      { type: "group", groupId: "acme", objectTypeId: "1", traits: { industry: "rockets" } },
    ],
    [
      "group",
      ["groupId", "traits.object_type_id", "industry"],
      ["acme", "1", "rockets"],
      { type: "group", groupId: "acme", traits: { object_type_id: "1", industry: "rockets" } },
    ],
    [
      "page",
      ["anonymousId", "name", "url", "referrer"],
      ["a1", "Pricing", "https://x.test/pricing", null],
      { type: "page", anonymousId: "a1", name: "Pricing", properties: { url: "https://x.test/pricing", referrer: null } },
    ],
    [
      "screen",
      ["userId", "name", "duration_ms"],
      ["u1", "Settings", 1200],
      { type: "screen", userId: "u1", name: "Settings", properties: { duration_ms: 1200 } },
    ],
    [
      "alias",
      ["previousId", "userId"],
      ["anon-7", "u7"],
      { type: "alias", previousId: "anon-7", userId: "u7" },
    ],
  ])("%s %j", (type, columns, row, expected) => {
    expect(call(type, columns, row)).toEqual({ ...expected, messageId: anyMessageId });
  });

  it("gives an alias call neither traits nor properties", () => {
    const result = call("alias", ["previousId", "userId", "timestamp"], ["a", "b", "2024-06-01T00:00:00Z"]);
    expect(result).not.toHaveProperty("traits");
    expect(result).not.toHaveProperty("properties");
  });

  it("sends only the reserved fields present (no empty traits/properties objects)", () => {
    expect(call("track", ["userId", "event"], ["u1", "Signed Up"])).toEqual({
      type: "track",
      userId: "u1",
      event: "Signed Up",
      messageId: anyMessageId,
    });
  });
});

describe("mapRow: reserved fields", () => {
  it("matches reserved names without regard to case (PostgreSQL lowercases, Snowflake uppercases)", () => {
    expect(
      call(
        "track",
        ["userid", "ANONYMOUSID", "Event", "MESSAGEID", "timestamp", "plan"],
        ["u1", "a1", "Clicked", "m-1", "2024-06-01T12:00:00Z", "pro"],
      ),
    ).toEqual({
      type: "track",
      userId: "u1",
      anonymousId: "a1",
      event: "Clicked",
      messageId: "m-1",
      timestamp: "2024-06-01T12:00:00.000Z",
      properties: { plan: "pro" },
    });
  });

  it("keeps children of reserved fields at the top level: context.ip, integrations.All", () => {
    expect(
      call(
        "identify",
        ["userId", "context.ip", "context.locale", "CONTEXT.library.name", "integrations.All", "integrations.Salesforce", "ip"],
        ["u1", "203.0.113.9", "nl-NL", "tidewater", false, true, "not-context"],
      ),
    ).toEqual({
      type: "identify",
      userId: "u1",
      context: { ip: "203.0.113.9", locale: "nl-NL", library: { name: "tidewater" } },
      integrations: { All: false, Salesforce: true },
      traits: { ip: "not-context" },
      messageId: anyMessageId,
    });
  });

  it("takes context and integrations as JSON objects and merges dot columns into them", () => {
    expect(
      call(
        "track",
        ["userId", "event", "context", "context.ip", "integrations"],
        ["u1", "E", { locale: "en", app: { name: "shop" } }, "198.51.100.1", { All: true }],
      ),
    ).toEqual({
      type: "track",
      userId: "u1",
      event: "E",
      context: { locale: "en", app: { name: "shop" }, ip: "198.51.100.1" },
      integrations: { All: true },
      messageId: anyMessageId,
    });
  });

  it.each([
    ["context", "1.2.3.4", /context must be an object/],
    ["integrations", "All", /integrations must be an object/],
    ["context", ["a"], /context must be an object/],
  ])("refuses a non-object %s", (column, value, reason) => {
    expect(refused("identify", ["userId", column], ["u1", value])).toMatch(reason);
  });

  it.each<[TCallType, string[], unknown[], keyof Call, string]>([
    ["identify", ["userId"], [42], "userId", "42"],
    ["identify", ["userId"], [0], "userId", "0"],
    ["identify", ["anonymousId"], [3.5], "anonymousId", "3.5"],
    ["identify", ["userId"], [123n], "userId", "123"],
    ["identify", ["userId"], [2n ** 60n], "userId", "1152921504606846976"],
    ["group", ["groupId"], [7], "groupId", "7"],
    ["group", ["groupId", "objectTypeId"], ["g", 1], "objectTypeId", "1"],
    ["track", ["userId", "event"], ["u", 404], "event", "404"],
    ["alias", ["userId", "previousId"], ["u", 99], "previousId", "99"],
  ])("%s %s = %s: coerces the number to text", (type, columns, row, field, expected) => {
    expect(call(type, columns, row)[field]).toBe(expected);
  });

  it.each([
    ["an object", { id: 1 }, /userId must be a text or number value, not an object/],
    ["a list", [1, 2], /userId must be a text or number value, not a list/],
  ])("refuses %s as userId", (_label, value, reason) => {
    expect(refused("identify", ["userId"], [value])).toMatch(reason);
  });

  it("refuses a userId built from dot columns (an object)", () => {
    expect(refused("identify", ["userId.id"], ["u1"])).toMatch(/userId/);
  });

  it("treats a null userId next to an anonymousId as absent", () => {
    expect(call("identify", ["userId", "anonymousId", "email"], [null, "a1", "e@x.test"])).toEqual({
      type: "identify",
      anonymousId: "a1",
      traits: { email: "e@x.test" },
      messageId: anyMessageId,
    });
  });

  it("treats a missing value at the end of a short row as null", () => {
    expect(call("identify", ["anonymousId", "userId", "email"], ["a1"])).toEqual({
      type: "identify",
      anonymousId: "a1",
      traits: { email: null },
      messageId: anyMessageId,
    });
  });
});

describe("mapRow: required fields per type", () => {
  it.each<[TCallType, string[], unknown[], RegExp]>([
    ["identify", ["email"], ["e@x.test"], /identify call needs a userId or an anonymousId/],
    ["identify", ["userId", "anonymousId"], [null, null], /identify call needs a userId or an anonymousId/],
    ["identify", ["userId"], [""], /identify call needs a userId or an anonymousId/],
    ["track", ["userId", "plan"], ["u1", "pro"], /track call needs an event/],
    ["track", ["userId", "event"], ["u1", null], /track call needs an event/],
    ["track", ["event"], ["Clicked"], /track call needs a userId or an anonymousId/],
    ["group", ["userId", "plan"], ["u1", "pro"], /group call needs a groupId/],
    ["group", ["groupId"], [""], /group call needs a groupId/],
    ["page", ["userId", "url"], ["u1", "/"], /page call needs a name/],
    ["page", ["name"], ["Home"], /page call needs a userId or an anonymousId/],
    ["screen", ["anonymousId"], ["a1"], /screen call needs a name/],
    ["screen", ["name"], ["Home"], /screen call needs a userId or an anonymousId/],
    ["alias", ["userId"], ["u1"], /alias call needs a previousId/],
    ["alias", ["previousId"], ["p1"], /alias call needs a userId/],
    ["alias", ["previousId", "anonymousId"], ["p1", "a1"], /alias call needs a userId/],
  ])("%s %j = %j → row error", (type, columns, row, reason) => {
    expect(refused(type, columns, row)).toMatch(reason);
  });

  it("accepts a group call with no user", () => {
    expect(call("group", ["groupId"], ["g1"])).toEqual({ type: "group", groupId: "g1", messageId: anyMessageId });
  });

  it("does not take a trait named like a required field as the field", () => {
    // `traits.userId` is addressed to traits, so the identify call still lacks a userId.
    expect(refused("identify", ["traits.userId"], ["u1"])).toMatch(/userId or an anonymousId/);
  });
});

describe("mapRow: nesting and merging", () => {
  it("nests dot-notation columns and merges siblings", () => {
    expect(
      call("track", ["userId", "event", "cart.product_name", "cart.price", "cart.meta.sku"], ["u1", "Added", "Lamp", 20, "L-1"]),
    ).toEqual({
      type: "track",
      userId: "u1",
      event: "Added",
      properties: { cart: { product_name: "Lamp", price: 20, meta: { sku: "L-1" } } },
      messageId: anyMessageId,
    });
  });

  it.each([
    ["JSON object first", ["cart", "cart.price"], [{ product_name: "Lamp", meta: { sku: "L-1" } }, 20]],
    ["dot column first", ["cart.price", "cart"], [20, { product_name: "Lamp", meta: { sku: "L-1" } }]],
  ])("merges a JSON object value with a dot column (%s)", (_label, columns, values) => {
    expect(call("identify", ["userId", ...columns], ["u1", ...values]).traits).toEqual({
      cart: { product_name: "Lamp", price: 20, meta: { sku: "L-1" } },
    });
  });

  it("merges nested JSON objects deeply", () => {
    expect(
      call("identify", ["userId", "a", "a.b.d"], ["u1", { b: { c: 1 } }, 2]).traits,
    ).toEqual({ a: { b: { c: 1, d: 2 } } });
    expect(
      call("identify", ["userId", "a.b.d", "a"], ["u1", 2, { b: { c: 1 } }]).traits,
    ).toEqual({ a: { b: { c: 1, d: 2 } } });
  });

  it("does not change the driver's objects while merging", () => {
    const cart = { product_name: "Lamp" };
    call("identify", ["userId", "cart", "cart.price"], ["u1", cart, 20]);
    expect(cart).toEqual({ product_name: "Lamp" });
  });

  it("builds relationshipAttributes from a JSON object (the docs' group example)", () => {
    expect(
      call(
        "group",
        ["groupId", "industry", "relationshipAttributes"],
        ["acme", "rockets", { job_title: "CTO", primary_contact: true }],
      ),
    ).toEqual({
      type: "group",
      groupId: "acme",
      traits: { industry: "rockets", relationshipAttributes: { job_title: "CTO", primary_contact: true } },
      messageId: anyMessageId,
    });
  });

  it.each([
    ["scalar first", ["cart", "cart.x"], ["big", 1]],
    ["dot column first", ["cart.x", "cart"], [1, "big"]],
    ["list then child", ["cart", "cart.x"], [[1], 1]],
    ["same column twice", ["email", "email"], ["a@x.test", "b@x.test"]],
    ["JSON key then dot column", ["cart", "cart.price"], [{ price: 1 }, 2]],
    ["dot column then JSON key", ["cart.price", "cart"], [2, { price: 1 }]],
    ["reserved field twice", ["userId", "USERID"], ["u1", "u2"]],
  ])("refuses conflicting columns (%s) as a row error", (_label, columns, values) => {
    expect(refused("identify", ["anonymousId", ...columns], ["a1", ...values])).toMatch(/already set/);
  });

  it.each([
    ["null scalar first", ["cart", "cart.x"], [null, 1]],
    ["null scalar last", ["cart.x", "cart"], [1, null]],
  ])("lets a null never conflict (%s)", (_label, columns, values) => {
    expect(call("identify", ["userId", ...columns], ["u1", ...values]).traits).toEqual({ cart: { x: 1 } });
  });

  it("keeps null leaves in traits (they unset a trait)", () => {
    expect(call("identify", ["userId", "cart.x", "cart.y"], ["u1", null, 1]).traits).toEqual({ cart: { x: null, y: 1 } });
  });
});

describe("mapRow: timestamps", () => {
  const when = "2024-06-01T12:00:00.000Z";

  it.each<[string, unknown, string]>([
    ["a Date", new Date(Date.UTC(2024, 5, 1, 12)), when],
    ["an ISO string in UTC", "2024-06-01T12:00:00Z", when],
    ["an ISO string with an offset", "2024-06-01T14:00:00+02:00", when],
    ["an ISO string with fractions", "2024-06-01T12:00:00.000000Z", when],
    ["an ISO string with a compact offset", "2024-06-01T14:00:00+0200", when],
    ["SQL text with an hour offset", "2024-06-01 14:00:00+02", when],
    ["an ISO date", "2024-06-01", "2024-06-01T00:00:00.000Z"],
    ["a leap day", "2024-02-29", "2024-02-29T00:00:00.000Z"],
    ["Unix seconds", 1717243200, when],
    ["Unix seconds as a bigint", 1717243200n, when],
    ["Unix epoch", 0, "1970-01-01T00:00:00.000Z"],
  ])("converts %s to ISO-8601", (_label, value, expected) => {
    expect(call("identify", ["userId", "timestamp"], ["u1", value]).timestamp).toBe(expected);
  });

  it("leaves out a null timestamp", () => {
    expect(call("identify", ["userId", "timestamp"], ["u1", null])).not.toHaveProperty("timestamp");
  });

  it.each<[string, unknown]>([
    ["text", "not a date"],
    ["text ending in a number", "foo 12"],
    ["a bare small number as text", "1"],
    ["a US date", "12/25/2024"],
    ["a day February does not have", "2024-02-30"],
    ["a leap day in a common year", "2023-02-29T10:00:00Z"],
    ["an hour that does not exist", "2024-06-01T25:00:00Z"],
    ["a month that does not exist", "2024-13-01"],
    ["a boolean", true],
    ["an object", { at: 1 }],
    ["NaN", Number.NaN],
    ["Infinity", Number.POSITIVE_INFINITY],
  ])("refuses %s as a row error", (_label, value) => {
    expect(refused("identify", ["userId", "timestamp"], ["u1", value])).toMatch(/timestamp/);
  });

  describe("in a server whose zone is not UTC", () => {
    let saved: string | undefined;
    beforeEach(() => {
      saved = process.env.TZ;
      process.env.TZ = "America/New_York";
    });
    afterEach(() => {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    });

    it.each([
      ["2024-06-01T12:00:00", when],
      ["2024-06-01 12:00:00", when],
      ["2024-06-01", "2024-06-01T00:00:00.000Z"],
    ])("reads the zoneless %j as UTC", (value, expected) => {
      expect(new Date(2024, 5, 1).getTimezoneOffset()).toBe(240); // the zone change took effect
      expect(call("identify", ["userId", "timestamp"], ["u1", value]).timestamp).toBe(expected);
    });
  });
});

describe("mapRow: value normalisation", () => {
  it("sends binary as base64, dates as ISO and 64-bit integers exactly", () => {
    expect(
      call(
        "identify",
        ["userId", "avatar", "created", "small", "safe", "unsafe", "huge", "nested"],
        [
          "u1",
          Buffer.from("hello"),
          new Date(Date.UTC(2020, 0, 2, 3, 4, 5, 6)),
          42n,
          2n ** 53n - 1n,
          2n ** 53n + 1n,
          -(2n ** 64n),
          { bin: Buffer.from([0xff, 0x00]), at: new Date(0), ids: [1n, 2n ** 63n] },
        ],
      ).traits,
    ).toEqual({
      avatar: "aGVsbG8=",
      created: "2020-01-02T03:04:05.006Z",
      small: 42,
      safe: 9007199254740991,
      unsafe: "9007199254740993",
      huge: "-18446744073709551616",
      nested: { bin: "/wA=", at: "1970-01-01T00:00:00.000Z", ids: [1, "9223372036854775808"] },
    });
  });

  it("sends 2^53 itself as a string (it is not a safe integer)", () => {
    expect(call("identify", ["userId", "n"], ["u1", 2n ** 53n]).traits).toEqual({ n: "9007199254740992" });
  });

  it.each<[string, unknown, unknown]>([
    ["NaN", Number.NaN, "NaN"],
    ["Infinity", Number.POSITIVE_INFINITY, "Infinity"],
    ["undefined", undefined, null],
    ["an invalid Date", new Date("nope"), null],
    ["true", true, true],
    ["an empty string", "", ""],
  ])("turns %s into valid JSON", (_label, value, expected) => {
    expect(call("identify", ["userId", "v"], ["u1", value]).traits).toEqual({ v: expected });
  });
});

describe("mapRow: size limits", () => {
  const KiB = 1024;

  it("has the documented limits", () => {
    expect(LIMITS.valueJsonBytes).toBe(128 * KiB);
    expect(LIMITS.recordJsonBytes).toBe(512 * KiB);
  });

  // A string's JSON is its bytes plus two quotes; escaped characters take more than one byte.
  it.each<[string, string, number]>([
    ["ASCII", "a", 1],
    ["two-byte UTF-8", "é", 2],
    ["three-byte UTF-8", "€", 3],
    ["a quote (escaped as \\\")", '"', 2],
    ["a control character (escaped as \\u0001)", "\u0001", 6],
  ])("allows a value of exactly 128 KiB as JSON and refuses one more character (%s)", (_label, char, bytesPerChar) => {
    const fits = Math.floor((128 * KiB - 2) / bytesPerChar);
    expect(map("identify", ["userId", "blob"], ["u1", char.repeat(fits)]).ok).toBe(true);
    const reason = refused("identify", ["userId", "blob"], ["u1", char.repeat(fits + 1)]);
    expect(reason).toMatch(/Column "blob" holds \d+ bytes as JSON; the limit for one value is 128 KiB/);
  });

  it("refuses a JSON object value over 128 KiB", () => {
    const value = { a: "x".repeat(70 * KiB), b: "y".repeat(70 * KiB) };
    expect(refused("identify", ["userId", "doc"], ["u1", value])).toMatch(/Column "doc"/);
  });

  it("measures the value after normalisation (a Buffer becomes longer base64)", () => {
    // 100 KiB of bytes is ~133 KiB of base64.
    expect(refused("identify", ["userId", "file"], ["u1", Buffer.alloc(100 * KiB)])).toMatch(/Column "file"/);
  });

  it("checks reserved values too", () => {
    expect(refused("identify", ["userId", "context.big"], ["u1", "x".repeat(129 * KiB)])).toMatch(/context\.big/);
  });

  it("allows a record of exactly 512 KiB as JSON and refuses one byte more", () => {
    const columns = ["userId", "a", "b", "c", "d", "e"];
    const big = "x".repeat(120_000);
    const sized = (n: number) => map("identify", columns, ["u1", big, big, big, big, "z".repeat(n)]);
    const base = sized(0);
    if (!base.ok) throw new Error(base.reason);
    const room = 512 * KiB - Buffer.byteLength(base.json);

    const exact = sized(room);
    expect(exact.ok).toBe(true);
    if (exact.ok) expect(Buffer.byteLength(exact.json)).toBe(512 * KiB);

    const over = sized(room + 1);
    expect(over.ok).toBe(false);
    if (!over.ok) expect(over.reason).toBe(`The record is ${512 * KiB + 1} bytes as JSON; the limit is 512 KiB.`);
  });

  it("refuses five 120 KB values (each fine alone) as too big a record", () => {
    const big = "x".repeat(120_000);
    expect(refused("identify", ["userId", "a", "b", "c", "d", "e"], ["u1", big, big, big, big, big])).toMatch(/512 KiB/);
  });
});

describe("mapRow: messageId", () => {
  const columns = ["userId", "event", "plan"];
  const row = ["u1", "Clicked", "pro"];

  it("keeps a given messageId (and coerces a number one to text)", () => {
    expect(call("track", ["messageId", ...columns], ["m-123", ...row]).messageId).toBe("m-123");
    expect(call("track", ["messageid", ...columns], [456, ...row]).messageId).toBe("456");
  });

  it("generates a UUID-shaped id when none is given or it is null", () => {
    expect(call("track", columns, row).messageId).toMatch(UUID);
    expect(call("track", ["messageId", ...columns], [null, ...row]).messageId).toMatch(UUID);
  });

  it("generates the same id for the same sync and row, every time", () => {
    const first = call("track", columns, row).messageId;
    expect(call("track", columns, [...row]).messageId).toBe(first);
    expect(call("track", ["messageId", ...columns], [null, ...row]).messageId).toBe(first);
  });

  it("generates a different id when the sync differs", () => {
    expect(call("track", columns, row, "sync_2").messageId).not.toBe(call("track", columns, row, "sync_1").messageId);
  });

  it.each<[string, string[], unknown[]]>([
    ["another user", columns, ["u2", "Clicked", "pro"]],
    ["another event", columns, ["u1", "Viewed", "pro"]],
    ["another property value", columns, ["u1", "Clicked", "free"]],
    ["a property value of another JSON type", columns, ["u1", "Clicked", 1]],
    ["an extra property", [...columns, "extra"], [...row, "x"]],
    ["an extra null property", [...columns, "extra"], [...row, null]],
    ["a timestamp", [...columns, "timestamp"], [...row, 0]],
    ["a context field", [...columns, "context.ip"], [...row, "1.1.1.1"]],
  ])("generates a different id for different content: %s", (_label, otherColumns, otherRow) => {
    expect(call("track", otherColumns, otherRow).messageId).not.toBe(call("track", columns, row).messageId);
  });

  it("generates a different id for another call type with the same columns", () => {
    const page = call("page", ["userId", "name"], ["u1", "Home"]).messageId;
    expect(call("screen", ["userId", "name"], ["u1", "Home"]).messageId).not.toBe(page);
  });

  it("generates distinct ids for many distinct rows", () => {
    const ids = new Set(Array.from({ length: 2_000 }, (_, i) => call("track", columns, [`u${i}`, "E", "p"]).messageId));
    expect(ids.size).toBe(2_000);
  });
});

describe("mapRow never throws for a bad row", () => {
  it.each<[string, TCallType, string[], unknown[]]>([
    ["an empty row", "identify", ["userId"], []],
    ["a symbol", "identify", ["userId", "s"], ["u1", Symbol("s")]],
    ["a nested list of oddities", "track", ["userId", "event", "l"], ["u1", "E", [[null, undefined, Number.NaN, 1n]]]],
    ["a list as event", "track", ["userId", "event"], ["u1", ["E"]]],
    ["an object as timestamp", "track", ["userId", "event", "timestamp"], ["u1", "E", {}]],
    ["a list as context", "track", ["userId", "event", "context"], ["u1", "E", []]],
  ])("%s", (_label, type, columns, row) => {
    const result = map(type, columns, row);
    expect(typeof result.ok).toBe("boolean");
  });
});

describe("reserved fields per call type (as the docs list them)", () => {
  it("keeps a group's name as a trait: the company's name", () => {
    expect(call("group", ["groupId", "name", "objectTypeId"], ["c1", "Acme", 1])).toEqual({
      type: "group",
      groupId: "c1",
      objectTypeId: "1",
      traits: { name: "Acme" },
      messageId: anyMessageId,
    });
  });

  it("keeps a page's and a screen's name top level", () => {
    expect(call("page", ["userId", "name", "url"], [1, "Pricing", "https://example.com/pricing"])).toMatchObject({ name: "Pricing", properties: { url: "https://example.com/pricing" } });
    expect(call("screen", ["userId", "name"], [1, "Home"])).toMatchObject({ name: "Home" });
  });

  it("puts a track or identify name column into properties or traits", () => {
    expect(call("track", ["userId", "event", "name"], [1, "Played", "Song"])).toMatchObject({ properties: { name: "Song" } });
    expect(call("identify", ["userId", "name"], [1, "Ada"])).toMatchObject({ traits: { name: "Ada" } });
    expect(call("identify", ["userId", "name"], [1, "Ada"])).not.toHaveProperty("name");
  });

  it("treats event and groupId as payload outside the types that reserve them", () => {
    expect(call("group", ["groupId", "event"], ["g", "x"])).toMatchObject({ traits: { event: "x" } });
    expect(call("track", ["userId", "event", "groupId"], [1, "E", "g"])).toMatchObject({ properties: { groupId: "g" } });
  });

  it("generates a messageId when the given one is empty", () => {
    expect(call("identify", ["userId", "messageId"], [1, ""]).messageId).toMatch(UUID);
  });
});
