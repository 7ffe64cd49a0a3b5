import type PgBoss from "pg-boss";
import { RUN_QUEUE, type RunJob } from "./boss";
import { log } from "../../observability/log";

const IDLE_POLL_MS = 500;

/**
 * Takes queued runs from pg-boss into this worker's free slots: as many at once as are free, again
 * the moment one frees or this process queues runs, else every half second. pg-boss's own `work`
 * loop waits out its polling interval after every job, which caps a loop at two short runs a second.
 */
export class RunTaker {
  private running = 0;
  private halted = false;
  private loop?: Promise<void>;
  private wakeUp?: () => void;

  constructor(
    private readonly boss: PgBoss,
    private readonly slots: number,
    private readonly handle: (job: RunJob) => Promise<void>,
  ) {}

  start() {
    this.loop = this.takeWhileRunning();
  }

  /** Look now: a slot freed, or runs were just queued. */
  wake() {
    this.wakeUp?.();
  }

  /** Takes no more runs; resolves once the runs taken have ended and their jobs are marked. */
  async stop(): Promise<void> {
    this.halted = true;
    this.wake();
    await this.loop;
    while (this.running > 0) await new Promise((resolve) => setTimeout(resolve, 50));
  }

  get taken(): number {
    return this.running;
  }

  private async takeWhileRunning() {
    while (!this.halted) {
      const free = this.slots - this.running;
      let fetched = 0;
      if (free > 0) {
        try {
          const jobs = await this.boss.fetch<RunJob>(RUN_QUEUE, { batchSize: free });
          fetched = jobs.length;
          for (const job of jobs) this.take(job);
        } catch (error) {
          log().error(`[tidewater] could not take runs from the queue: ${(error as Error).message}`);
        }
      }
      // A full batch means more may be waiting: look again at once.
      if (free > 0 && fetched === free && !this.halted) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, IDLE_POLL_MS);
        this.wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wakeUp = undefined;
    }
  }

  private take(job: PgBoss.Job<RunJob>) {
    this.running++;
    void this.handle(job.data)
      .then(
        () => this.boss.complete(RUN_QUEUE, job.id),
        (error: Error) => this.boss.fail(RUN_QUEUE, job.id, { message: error.message }),
      )
      .catch((error: Error) => log().error(`[tidewater] could not mark a run's job: ${error.message}`))
      .finally(() => {
        this.running--;
        this.wake();
      });
  }
}
