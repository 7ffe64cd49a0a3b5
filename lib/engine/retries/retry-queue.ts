// The rows of a sync waiting to be sent again (RowRetry), as one run sees them: what its own calls
// supersede, what it adds, and what became of each retry it sent (RunRetry).
import type { Envelope, Tracked } from "../../calls/envelope";
import type { Db } from "../../db";
import type { BatchOutcome } from "../stages/deliver";
import { callIdentity } from "./call-identity";

export type TRetryResult = "delivered" | "failed-again" | "given-up" | "superseded";

type RetryRow = { id: string; identity: string; messageId: string; callJson: string; rowJson: string; rowNumber: number; trackedJson: string | null; attempts: number };

/** A waiting row as a call to send again; `retry` is its RowRetry. */
export type RetryEnvelope = Envelope & { retry: RetryRow };

const PAGE = 500;
// SQLite allows 32,766 bound values per statement; keep IN lists well under that.
const IN_CHUNK = 500;

export type RetryQueueInput = { syncId: string; runId: string; limit: number; retryOfRunId?: string | null };

export class RetryQueue {
  rowsRetried = 0;
  /** Change tracking: what a row given up writes into the snapshot, so it is sent again only once it changes. */
  onGivenUp?: (tracked: Tracked[]) => Promise<void>;

  private constructor(
    private readonly db: Db,
    private readonly input: RetryQueueInput,
    /** Whether rows of earlier runs wait: only then does this run look up its calls' identifiers. */
    private readonly earlierWaiting: boolean,
  ) {}

  static async open(db: Db, input: RetryQueueInput): Promise<RetryQueue> {
    const waiting = await db.rowRetry.findFirst({ where: { syncId: input.syncId }, select: { id: true } });
    return new RetryQueue(db, input, waiting !== null);
  }

  /**
   * A batch of this run's own calls was answered. A call for an identifier that waits to be retried
   * is newer than it: the same call (same content hash) counts as that retry's attempt, another one
   * supersedes it, so an older row never goes out after a newer one. Refused calls then wait.
   */
  async afterFresh(outcome: BatchOutcome, rowOf: (envelope: Envelope) => Record<string, unknown>) {
    const attempted = this.earlierWaiting ? await this.settleEarlier(outcome) : new Set<Envelope>();
    const waiting = outcome.failed.filter(({ envelope }) => !attempted.has(envelope));
    await this.add(waiting, rowOf);
  }

  /** A batch of this run's own calls could not be delivered at all (unavailable, circuit open). */
  async afterFreshUndelivered(batch: readonly Envelope[], reason: string, rowOf: (envelope: Envelope) => Record<string, unknown>) {
    await this.afterFresh({ delivered: [], failed: batch.map((envelope) => ({ envelope, reason })) }, rowOf);
  }

  /** The rows of earlier runs still waiting and not yet tried by this run, a page at a time. */
  async *waiting(): AsyncIterable<RetryEnvelope[]> {
    const { syncId, runId, retryOfRunId } = this.input;
    let cursor: string | undefined;
    for (;;) {
      const rows = await this.db.rowRetry.findMany({
        where: { syncId, firstRunId: retryOfRunId ?? { not: runId }, lastRunId: { not: runId }, ...(cursor ? { id: { gt: cursor } } : {}) },
        orderBy: { id: "asc" },
        take: PAGE,
        select: { id: true, identity: true, messageId: true, callJson: true, rowJson: true, rowNumber: true, trackedJson: true, attempts: true },
      });
      if (rows.length === 0) return;
      cursor = rows[rows.length - 1].id;
      yield rows.map((row) => ({
        rowNumber: row.rowNumber,
        messageId: row.messageId,
        json: row.callJson,
        bytes: Buffer.byteLength(row.callJson),
        ...(row.trackedJson ? { tracked: JSON.parse(row.trackedJson) as Tracked } : {}),
        retry: row,
      }));
      if (rows.length < PAGE) return;
    }
  }

  /** A batch of retries was answered. */
  async afterRetry(outcome: BatchOutcome) {
    await this.attempted(
      outcome.delivered.map((envelope) => (envelope as RetryEnvelope).retry),
      outcome.failed.map(({ envelope, reason }) => ({ row: (envelope as RetryEnvelope).retry, reason })),
    );
  }

  async afterRetryUndelivered(batch: readonly Envelope[], reason: string) {
    await this.attempted([], batch.map((envelope) => ({ row: (envelope as RetryEnvelope).retry, reason })));
  }

  private async add(failed: BatchOutcome["failed"], rowOf: (envelope: Envelope) => Record<string, unknown>) {
    if (failed.length === 0 || this.input.limit <= 0) return;
    const { syncId, runId } = this.input;
    await this.db.rowRetry.createMany({
      data: failed.map(({ envelope, reason }) => ({
        syncId,
        identity: callIdentity(envelope),
        messageId: envelope.messageId,
        callJson: envelope.json,
        rowJson: JSON.stringify(rowOf(envelope)),
        rowNumber: envelope.rowNumber,
        trackedJson: envelope.tracked ? JSON.stringify(envelope.tracked) : null,
        reason,
        firstRunId: runId,
        lastRunId: runId,
      })),
    });
  }

  /** Settles earlier retries this batch's calls meet; returns the failed calls that were such a retry's attempt. */
  private async settleEarlier(outcome: BatchOutcome): Promise<Set<Envelope>> {
    const answered = new Map<string, { envelope: Envelope; reason?: string }>();
    for (const envelope of outcome.delivered) answered.set(callIdentity(envelope), { envelope });
    for (const { envelope, reason } of outcome.failed) answered.set(callIdentity(envelope), { envelope, reason });
    const identities = [...answered.keys()];
    const attempted = new Set<Envelope>();
    const delivered: RetryRow[] = [];
    const failed: { row: RetryRow; reason: string }[] = [];
    const superseded: RetryRow[] = [];
    for (let i = 0; i < identities.length; i += IN_CHUNK) {
      const rows = await this.db.rowRetry.findMany({
        where: { syncId: this.input.syncId, firstRunId: { not: this.input.runId }, identity: { in: identities.slice(i, i + IN_CHUNK) } },
      });
      for (const row of rows) {
        const { envelope, reason } = answered.get(row.identity)!;
        if (envelope.messageId !== row.messageId) superseded.push(row);
        else if (reason === undefined) delivered.push(row);
        else {
          failed.push({ row, reason });
          attempted.add(envelope);
        }
      }
    }
    await this.resolve(superseded, "superseded", () => "A newer row for this identifier was sent since; this older one is not sent again.");
    await this.attempted(delivered, failed);
    return attempted;
  }

  /** Retries this run sent: delivered ones are done; failed ones wait again, or are given up at the limit. */
  private async attempted(delivered: RetryRow[], failed: { row: RetryRow; reason: string }[]) {
    this.rowsRetried += delivered.length + failed.length;
    await this.resolve(delivered, "delivered");
    const givenUp = failed.filter(({ row }) => row.attempts + 1 >= this.input.limit);
    const again = failed.filter(({ row }) => row.attempts + 1 < this.input.limit);
    const reasons = new Map(failed.map(({ row, reason }) => [row.id, reason]));
    await this.resolve(
      givenUp.map(({ row }) => row),
      "given-up",
      (row) => `Given up after ${row.attempts + 1} ${row.attempts + 1 === 1 ? "retry" : "retries"}: ${reasons.get(row.id)}`,
    );
    const tracked = givenUp.flatMap(({ row }) => (row.trackedJson ? [JSON.parse(row.trackedJson) as Tracked] : []));
    if (tracked.length > 0) await this.onGivenUp?.(tracked);
    if (again.length === 0) return;
    await this.db.$transaction([
      ...again.map(({ row, reason }) => this.db.rowRetry.update({ where: { id: row.id }, data: { attempts: row.attempts + 1, reason, lastRunId: this.input.runId } })),
      this.db.runRetry.createMany({ data: again.map(({ row, reason }) => this.result(row, "failed-again", reason, row.attempts + 1)) }),
    ]);
  }

  private async resolve(rows: RetryRow[], result: TRetryResult, reasonOf?: (row: RetryRow) => string) {
    if (rows.length === 0) return;
    const attempts = (row: RetryRow) => (result === "superseded" ? row.attempts : row.attempts + 1);
    await this.db.$transaction([
      this.db.rowRetry.deleteMany({ where: { id: { in: rows.map((row) => row.id) } } }),
      this.db.runRetry.createMany({ data: rows.map((row) => this.result(row, result, reasonOf?.(row) ?? null, attempts(row))) }),
    ]);
  }

  private result(row: RetryRow, result: TRetryResult, reason: string | null, attempts: number) {
    return { runId: this.input.runId, rowNumber: row.rowNumber, rowJson: row.rowJson, identity: row.identity, result, reason, attempts };
  }
}
