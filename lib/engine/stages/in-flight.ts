/** Runs at most `limit` tasks at once; `add` waits while the limit is reached (backpressure). */
export class InFlight {
  private readonly running = new Set<Promise<void>>();
  private failure: unknown;

  constructor(private readonly limit: number) {}

  async add(task: () => Promise<void>): Promise<void> {
    while (this.running.size >= this.limit) await Promise.race(this.running);
    this.throwIfFailed();
    const promise: Promise<void> = task()
      .catch((error) => {
        this.failure ??= error;
      })
      .finally(() => this.running.delete(promise));
    this.running.add(promise);
  }

  async drain(): Promise<void> {
    await Promise.all(this.running);
    this.throwIfFailed();
  }

  /** Waits for every task, failed or not: a run that fails leaves nothing of itself going. */
  async settle(): Promise<void> {
    while (this.running.size > 0) await Promise.all(this.running);
  }

  private throwIfFailed() {
    if (this.failure !== undefined) throw this.failure;
  }
}
