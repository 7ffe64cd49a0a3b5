import { describe, expect, it } from "vitest";
import { metrics } from "../observability/metrics";
import { CircuitBreaker, CircuitOpenError } from "./circuit-breaker";

const state = async (destination: string) => (await metrics().breakerOpen.get()).values.find((v) => v.labels.destination === destination)?.value;

describe("the circuit breaker's gauge", () => {
  it("is 1 once the breaker opens and 0 again after a success or in the next run's breaker", async () => {
    const breaker = new CircuitBreaker("Segment EU", 3);
    expect(await state("Segment EU")).toBe(0);
    breaker.recordFailure("HTTP 503");
    breaker.recordFailure("HTTP 503");
    expect(await state("Segment EU")).toBe(0);
    breaker.recordFailure("HTTP 503");
    expect(() => breaker.check()).toThrow(CircuitOpenError);
    expect(await state("Segment EU")).toBe(1);
    breaker.recordSuccess();
    expect(await state("Segment EU")).toBe(0);
    for (let i = 0; i < 3; i++) breaker.recordFailure("HTTP 503");
    expect(await state("Segment EU")).toBe(1);
    new CircuitBreaker("Segment EU", 3);
    expect(await state("Segment EU")).toBe(0);
  });
});
