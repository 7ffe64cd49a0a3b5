import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ZBooleanFieldSchema, parseBooleanText } from "./boolean-field";

describe("ZBooleanFieldSchema", () => {
  it.each([
    [true, true], [false, false], ["true", true], ["false", false], ["1", true], ["0", false], ["on", true], ["off", false],
  ])("reads %j as %j", (input, expected) => {
    expect(ZBooleanFieldSchema.parse(input)).toBe(expected);
  });

  it.each(["maybe", "", "FALSE ", 2, null, {}])("refuses %j instead of guessing", (input) => {
    expect(ZBooleanFieldSchema.safeParse(input).success).toBe(false);
  });

  it("is not z.coerce.boolean(), which reads the string \"false\" as true", () => {
    expect(z.coerce.boolean().parse("false")).toBe(true);
    expect(ZBooleanFieldSchema.parse("false")).toBe(false);
    expect(parseBooleanText(" False ")).toBe(false);
  });
});
