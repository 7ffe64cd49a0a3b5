import { metrics } from "../observability/metrics";

export class CircuitOpenError extends Error {}

/**
 * Opens after `threshold` server failures (5xx, 429 or network) in a row, so a broken service is not
 * hammered for the rest of a run: every later request fails at once with a clear message. Any
 * success closes it again. One breaker per destination per run.
 */
export class CircuitBreaker {
  private failuresInARow = 0;
  private lastFailure = "";

  constructor(
    private readonly name: string,
    private readonly threshold = 10,
  ) {
    metrics().breakerOpen.set({ destination: name }, 0);
  }

  check() {
    if (this.failuresInARow >= this.threshold) {
      throw new CircuitOpenError(
        `${this.name} failed ${this.failuresInARow} times in a row (last: ${this.lastFailure}); Tidewater stopped sending to it for this run. The rows are sent again next run.`,
      );
    }
  }

  recordFailure(summary: string) {
    this.failuresInARow += 1;
    this.lastFailure = summary;
    if (this.failuresInARow === this.threshold) metrics().breakerOpen.set({ destination: this.name }, 1);
  }

  recordSuccess() {
    if (this.failuresInARow >= this.threshold) metrics().breakerOpen.set({ destination: this.name }, 0);
    this.failuresInARow = 0;
  }
}
