import { describe, expect, it } from "vitest";
import type { TCallType } from "./call-types";
import { LIMITS } from "./limits";
import { planColumns, ResultShapeError } from "./plan-columns";

const pathOf = (type: TCallType, column: string) => planColumns(type, [column])[0].path;

describe("planColumns: where each column lands", () => {
  it.each<[TCallType, string, string[]]>([
    // Reserved fields stay top level, whatever the case (PostgreSQL folds `userId` to `userid`).
    ["identify", "userId", ["userId"]],
    ["identify", "userid", ["userId"]],
    ["identify", "USERID", ["userId"]],
    ["identify", "anonymousid", ["anonymousId"]],
    ["group", "GroupId", ["groupId"]],
    ["track", "event", ["event"]],
    ["page", "NAME", ["name"]],
    ["alias", "previousid", ["previousId"]],
    ["identify", "messageid", ["messageId"]],
    ["identify", "Timestamp", ["timestamp"]],
    ["group", "objecttypeid", ["objectTypeId"]],
    // Children of reserved fields are reserved; the child keeps its own spelling.
    ["track", "context.ip", ["context", "ip"]],
    ["track", "CONTEXT.ip", ["context", "ip"]],
    ["identify", "context.library.name", ["context", "library", "name"]],
    ["identify", "integrations.All", ["integrations", "All"]],
    ["identify", "integrations", ["integrations"]],
    // Everything else goes under traits (identify, group) or properties (track, page, screen).
    ["identify", "email", ["traits", "email"]],
    ["group", "plan", ["traits", "plan"]],
    ["track", "revenue", ["properties", "revenue"]],
    ["page", "url", ["properties", "url"]],
    ["screen", "duration", ["properties", "duration"]],
    // Names that merely start like a reserved field are not reserved.
    ["identify", "userIdentifier", ["traits", "userIdentifier"]],
    ["identify", "user_id", ["traits", "user_id"]],
    ["track", "events", ["properties", "events"]],
    // Dot notation nests.
    ["track", "cart.product_name", ["properties", "cart", "product_name"]],
    ["identify", "address.geo.lat", ["traits", "address", "geo", "lat"]],
    ["identify", "cart..price", ["traits", "cart", "price"]],
    // A column already addressed to the payload is not nested twice.
    ["group", "traits.object_type_id", ["traits", "object_type_id"]],
    ["identify", "traits.email", ["traits", "email"]],
    ["track", "properties.revenue", ["properties", "revenue"]],
    // ...but only the call type's own payload key counts.
    ["track", "traits.email", ["properties", "traits", "email"]],
    ["identify", "properties.x", ["traits", "properties", "x"]],
    ["identify", "traits", ["traits", "traits"]],
    // Alias has neither traits nor properties.
    ["alias", "userid", ["userId"]],
    ["alias", "context.ip", ["context", "ip"]],
  ])("%s %j → %j", (type, column, path) => {
    expect(pathOf(type, column)).toEqual(path);
  });

  it("keeps each column's index and original name", () => {
    expect(planColumns("track", ["USERID", "event", "cart.price"])).toEqual([
      { index: 0, column: "USERID", path: ["userId"] },
      { index: 1, column: "event", path: ["event"] },
      { index: 2, column: "cart.price", path: ["properties", "cart", "price"] },
    ]);
  });

  it("plans an empty result as no columns", () => {
    expect(planColumns("identify", [])).toEqual([]);
  });

  it.each(["", ".", "..."])("refuses the empty column name %j", (column) => {
    expect(() => planColumns("identify", ["userId", column])).toThrow(ResultShapeError);
  });
});

describe("planColumns: result limits", () => {
  const columns = (n: number) => Array.from({ length: n }, (_, i) => `c${i}`);

  it("has the documented limits", () => {
    expect(LIMITS.columns).toBe(512);
    expect(LIMITS.columnNameChars).toBe(128);
  });

  it("accepts exactly 512 columns", () => {
    const plan = planColumns("identify", columns(512));
    expect(plan).toHaveLength(512);
    expect(plan[511]).toEqual({ index: 511, column: "c511", path: ["traits", "c511"] });
  });

  it("refuses 513 columns with a ResultShapeError naming the count", () => {
    expect(() => planColumns("identify", columns(513))).toThrow(ResultShapeError);
    expect(() => planColumns("identify", columns(513))).toThrow(/513 columns.*512/);
  });

  it("accepts a 128-character column name", () => {
    const name = "a".repeat(128);
    expect(planColumns("track", [name])).toEqual([{ index: 0, column: name, path: ["properties", name] }]);
  });

  it("refuses a 129-character column name with a ResultShapeError naming the length", () => {
    const name = "a".repeat(129);
    expect(() => planColumns("track", ["userId", name])).toThrow(ResultShapeError);
    expect(() => planColumns("track", ["userId", name])).toThrow(/129 characters; the limit is 128/);
  });

  it("counts the whole name, dots included, against the name limit", () => {
    const name = `${"a".repeat(64)}.${"b".repeat(64)}`; // 129 characters
    expect(() => planColumns("identify", [name])).toThrow(ResultShapeError);
  });

  it("ResultShapeError is an Error", () => {
    try {
      planColumns("identify", columns(513));
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(Error);
      expect(error).toBeInstanceOf(ResultShapeError);
    }
  });
});
