import { describe, expect, it } from "vitest";
import { LIMITS } from "./limits";
import { checkQueryLength, QueryError, substituteLastSyncTime, usesLastSyncTime } from "./substitute-last-sync-time";

describe("substituteLastSyncTime", () => {
  it("replaces the placeholder with the Unix seconds", () => {
    expect(
      substituteLastSyncTime("SELECT id AS userId FROM people WHERE UNIX_TIMESTAMP(updated) > {{last_sync_time}}", 1717243200),
    ).toBe("SELECT id AS userId FROM people WHERE UNIX_TIMESTAMP(updated) > 1717243200");
  });

  it("uses 0 on the first run, so every record is synced", () => {
    expect(substituteLastSyncTime("SELECT * FROM t WHERE ts > {{last_sync_time}}", 0)).toBe("SELECT * FROM t WHERE ts > 0");
  });

  it("replaces every occurrence", () => {
    expect(
      substituteLastSyncTime("SELECT {{last_sync_time}} AS a WHERE x > {{last_sync_time}} OR y > {{last_sync_time}}", 42),
    ).toBe("SELECT 42 AS a WHERE x > 42 OR y > 42");
  });

  it.each([
    "{{ last_sync_time }}",
    "{{last_sync_time }}",
    "{{  last_sync_time}}",
    "{{\tlast_sync_time\n}}",
  ])("accepts spaces inside the braces: %j", (placeholder) => {
    expect(substituteLastSyncTime(`WHERE ts > ${placeholder}`, 7)).toBe("WHERE ts > 7");
  });

  it("keeps the docs' arithmetic example working", () => {
    expect(substituteLastSyncTime("WHERE UNIX_SECONDS(last_updated) >= {{last_sync_time}} - 300", 1000)).toBe(
      "WHERE UNIX_SECONDS(last_updated) >= 1000 - 300",
    );
  });

  it.each(["{last_sync_time}", "{{ last sync time }}", "{{last_sync_times}}", "last_sync_time"])(
    "leaves %j alone",
    (text) => {
      expect(substituteLastSyncTime(`SELECT '${text}'`, 5)).toBe(`SELECT '${text}'`);
    },
  );

  it("returns a query without the placeholder unchanged", () => {
    expect(substituteLastSyncTime("SELECT 1", 123)).toBe("SELECT 1");
  });

  it("accepts the largest safe integer", () => {
    expect(substituteLastSyncTime("x > {{last_sync_time}}", Number.MAX_SAFE_INTEGER)).toBe(
      `x > ${Number.MAX_SAFE_INTEGER}`,
    );
  });

  it.each([
    ["negative", -1],
    ["fractional", 1.5],
    ["NaN", Number.NaN],
    ["Infinity", Number.POSITIVE_INFINITY],
    ["-Infinity", Number.NEGATIVE_INFINITY],
    ["beyond 2^53", 2 ** 53],
  ])("refuses a %s value", (_label, value) => {
    expect(() => substituteLastSyncTime("x > {{last_sync_time}}", value)).toThrow(QueryError);
    expect(() => substituteLastSyncTime("x > {{last_sync_time}}", value)).toThrow(/non-negative whole number/);
  });

  it("refuses a bad value even when the query has no placeholder", () => {
    expect(() => substituteLastSyncTime("SELECT 1", -5)).toThrow(QueryError);
  });

  it("refuses an empty or blank query", () => {
    expect(() => substituteLastSyncTime("", 0)).toThrow(QueryError);
    expect(() => substituteLastSyncTime("  \n\t ", 0)).toThrow(/empty/);
  });
});

describe("query length limit", () => {
  const placeholder = "{{last_sync_time}}";
  const queryOfLength = (n: number) => `SELECT * FROM t WHERE ts > ${placeholder}`.padEnd(n, " ");

  it("is 131,072 characters", () => {
    expect(LIMITS.queryChars).toBe(131_072);
  });

  it("accepts a query of exactly 131,072 characters", () => {
    const query = queryOfLength(131_072);
    expect(query).toHaveLength(131_072);
    const out = substituteLastSyncTime(query, 99);
    expect(out.startsWith("SELECT * FROM t WHERE ts > 99 ")).toBe(true);
    expect(() => checkQueryLength(query)).not.toThrow();
  });

  it("refuses a query of 131,073 characters", () => {
    const query = queryOfLength(131_073);
    expect(() => substituteLastSyncTime(query, 99)).toThrow(QueryError);
    expect(() => substituteLastSyncTime(query, 99)).toThrow("The query is 131,073 characters; the limit is 131,072.");
    expect(() => checkQueryLength(query)).toThrow(QueryError);
  });

  it("counts characters, not bytes", () => {
    expect(() => checkQueryLength(`SELECT '${"é".repeat(131_072 - 9)}'`)).not.toThrow();
  });
});

describe("usesLastSyncTime", () => {
  it.each([
    ["x > {{last_sync_time}}", true],
    ["x > {{ last_sync_time }}", true],
    ["x > 0", false],
    ["x > {last_sync_time}", false],
  ])("%j → %s", (query, expected) => {
    expect(usesLastSyncTime(query)).toBe(expected);
  });

  it("gives the same answer when called repeatedly (no global-regex state)", () => {
    const query = "x > {{last_sync_time}}";
    expect([1, 2, 3].map(() => usesLastSyncTime(query))).toEqual([true, true, true]);
  });
});
