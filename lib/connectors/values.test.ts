import { describe, expect, it } from "vitest";
import { exactBigInt, exactNumber, timestampTextToIso } from "./values";

describe("exactNumber", () => {
  it("gives a number only when it prints back as the same decimal, for random database texts", () => {
    let state = 5;
    const random = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const digits = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 10)).join("");
    for (let i = 0; i < 20_000; i++) {
      const whole = digits(1 + Math.floor(random() * 18)).replace(/^0+(?=\d)/, "");
      const scale = Math.floor(random() * 6);
      const text = `${random() < 0.3 ? "-" : ""}${whole}${scale > 0 ? `.${digits(scale)}` : ""}`;
      const value = exactNumber(text);
      const canonical = text.includes(".") ? text.replace(/0+$/, "").replace(/\.$/, "") : text;
      if (typeof value === "number") expect(String(value), text).toBe(canonical === "-0" ? "0" : canonical);
      else expect(value).toBe(text);
    }
  });

  it.each([
    ["42", 42],
    ["-7", -7],
    ["9007199254740991", 9007199254740991],
    ["9007199254740993", "9007199254740993"],
    ["9007199254740992", "9007199254740992"],
    ["10.50", 10.5],
    ["5.00", 5],
    ["-19.90", -19.9],
    ["100", 100],
    ["0.1", 0.1],
    ["-0.000", 0],
    ["00012.300", 12.3],
    ["12345678901234567890.12", "12345678901234567890.12"],
    ["0.12345678901234567890", "0.12345678901234567890"],
    ["NaN", "NaN"],
  ])("%s → %s", (text, expected) => {
    expect(exactNumber(text)).toBe(expected);
  });
  it("bigints", () => {
    expect(exactBigInt(5n)).toBe(5);
    expect(exactBigInt(2n ** 63n - 1n)).toBe("9223372036854775807");
  });
});

describe("timestampTextToIso", () => {
  it.each([
    ["2026-11-01 10:00:00", "2026-11-01T10:00:00.000Z"],
    ["2026-11-01 10:00:00.123456", "2026-11-01T10:00:00.123Z"],
    ["2026-11-01 10:00:00+02", "2026-11-01T08:00:00.000Z"],
    ["2026-11-01T10:00:00-05:30", "2026-11-01T15:30:00.000Z"],
  ])("%s → %s", (text, expected) => {
    expect(timestampTextToIso(text)).toBe(expected);
  });
});

describe("timestampTextToIso fast path agrees with Date parsing", () => {
  it.each([
    ["2026-11-01 10:00:00+00", "2026-11-01T10:00:00.000Z"],
    ["2026-11-01 10:00:00.5+05:30", "2026-11-01T04:30:00.500Z"],
    ["2026-11-01 01:00:00-02", "2026-11-01T03:00:00.000Z"],
    ["2026-03-01T00:00:00.000999Z", "2026-03-01T00:00:00.000Z"],
    ["2024-02-29 23:59:59.999", "2024-02-29T23:59:59.999Z"],
    ["infinity", "infinity"],
  ])("%s → %s", (text, expected) => {
    expect(timestampTextToIso(text)).toBe(expected);
  });
});
