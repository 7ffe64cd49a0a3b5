// The engine's record stage: the run's counters, error rows and Data In sample, in the app database.
import type { Envelope } from "../../calls/envelope";
import type { Db } from "../../db";
import { callTypeOfJson } from "../sync-types";
import type { BatchOutcome } from "./deliver";

export type RowError = { rowNumber: number; row: Record<string, unknown>; reason: string };

/** Calls kept per run for Data In; the inbox destination keeps everything it receives. */
export const DATA_IN_SAMPLE_PER_RUN = 1_000;

/** The run's record in the app database: counters, error rows and the Data In sample. */
export class RunStore {
  rowsRead = 0;
  rowsSucceeded = 0;
  rowsFailed = 0;
  /** Change tracking: rows the same as when last delivered, so not sent. */
  rowsUnchanged = 0;
  private sampled = 0;

  constructor(
    private readonly db: Db,
    readonly runId: string,
    private readonly syncId: string,
  ) {}

  async recordErrors(errors: RowError[]) {
    if (errors.length === 0) return;
    this.rowsFailed += errors.length;
    await this.db.runError.createMany({
      data: errors.map((error) => ({
        runId: this.runId,
        rowNumber: error.rowNumber,
        rowJson: JSON.stringify(error.row),
        reason: error.reason,
      })),
    });
  }

  async recordDelivered(delivered: Envelope[]) {
    this.rowsSucceeded += delivered.length;
    const sample = delivered.slice(0, Math.max(0, DATA_IN_SAMPLE_PER_RUN - this.sampled));
    if (sample.length === 0) return;
    this.sampled += sample.length;
    await this.db.runCall.createMany({
      data: sample.map((envelope) => ({
        runId: this.runId,
        syncId: this.syncId,
        type: callTypeOfJson(envelope.json),
        messageId: envelope.messageId,
        payload: envelope.json,
      })),
    });
  }

  /** A delivered batch: its calls that every destination took, and a row error for each one refused. */
  async recordOutcome(outcome: BatchOutcome, rowOf: (envelope: Envelope) => Record<string, unknown>) {
    await this.recordDelivered(outcome.delivered);
    await this.recordErrors(
      outcome.failed.map(({ envelope, reason }) => ({
        rowNumber: envelope.rowNumber,
        row: rowOf(envelope),
        reason: envelope.tracked?.deleted ? `The call for this deleted row failed: ${reason}` : reason,
      })),
    );
  }

  counts() {
    return { rowsRead: this.rowsRead, rowsSucceeded: this.rowsSucceeded, rowsFailed: this.rowsFailed, rowsUnchanged: this.rowsUnchanged };
  }

  // A run's first second shows no counters; most runs are done by then, and their end writes them.
  private savedAt = Date.now();

  /** Writes the counters for progress bars, at most once a second (the run's end writes the last). */
  async saveProgress() {
    if (Date.now() - this.savedAt < 1_000) return;
    this.savedAt = Date.now();
    await this.db.syncRun.update({
      where: { id: this.runId },
      data: this.counts(),
    });
  }
}
