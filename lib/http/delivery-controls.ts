import pLimit from "p-limit";
import pThrottle from "p-throttle";
import { CircuitBreaker } from "./circuit-breaker";

export type DeliverySettings = { concurrency: number; rateLimitPerSecond: number; breakerThreshold?: number };

/**
 * What keeps one destination healthy during a run: at most `concurrency` requests in flight, at
 * most `rateLimitPerSecond` started per second (0 = no limit), and a circuit breaker.
 */
export class DeliveryControls {
  readonly breaker: CircuitBreaker;
  private readonly limit: ReturnType<typeof pLimit>;
  private readonly throttle: <T>(work: () => Promise<T>) => Promise<T>;

  constructor(name: string, settings: DeliverySettings) {
    this.breaker = new CircuitBreaker(name, settings.breakerThreshold);
    this.limit = pLimit(Math.max(1, settings.concurrency));
    if (settings.rateLimitPerSecond > 0) {
      const throttled = pThrottle({ limit: settings.rateLimitPerSecond, interval: 1000 })((work: () => Promise<unknown>) => work());
      this.throttle = (work) => throttled(work) as never;
    } else {
      this.throttle = (work) => work();
    }
  }

  /** Runs one request attempt under the concurrency and rate limits. */
  run<T>(attempt: () => Promise<T>): Promise<T> {
    return this.limit(() => this.throttle(attempt));
  }
}
