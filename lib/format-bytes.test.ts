import { describe, expect, it } from "vitest";
import { formatBytes } from "./format";

describe("formatBytes", () => {
  it.each([
    [0, "0 B"], [999, "999 B"], [1_000, "1 KB"], [340_000_000, "340 MB"], [1_288_490_189, "1.3 GB"], [1_200_000_000, "1.2 GB"], [5.5e15, "5.5 PB"],
  ])("%d bytes → %s", (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});
