import { describe, expect, it } from "vitest";
import { nextRunAfter } from "./schedule";

const at = (iso: string) => new Date(iso);

describe("nextRunAfter", () => {
  it("waits for a start in the future", () => {
    expect(nextRunAfter(at("2026-12-01T00:00:00Z"), 15, at("2026-11-24T10:00:00Z"))).toEqual(at("2026-12-01T00:00:00Z"));
  });

  it("stays on the grid of start + k × frequency", () => {
    expect(nextRunAfter(at("2026-11-24T10:00:00Z"), 15, at("2026-11-24T10:31:00Z"))).toEqual(at("2026-11-24T10:45:00Z"));
    expect(nextRunAfter(at("2026-11-24T10:07:00Z"), 60, at("2026-11-25T09:00:00Z"))).toEqual(at("2026-11-25T09:07:00Z"));
  });

  it("is strictly after now when now is on the grid", () => {
    expect(nextRunAfter(at("2026-11-24T10:00:00Z"), 1, at("2026-11-24T10:05:00Z"))).toEqual(at("2026-11-24T10:06:00Z"));
  });
});
