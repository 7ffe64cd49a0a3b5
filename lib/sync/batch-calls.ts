/** A call ready to send: its row number (1-based, as users count rows) and its JSON, measured. */
export type Envelope = {
  rowNumber: number;
  messageId: string;
  json: string;
  bytes: number;
  /**
   * The identifier values of a deleted row. A result row is not kept: holding every row in flight
   * until delivery would double the engine's garbage-collection work, and the call says it all.
   */
  values?: readonly unknown[];
  /** Change tracking: what to write into the snapshot once every destination took the call. */
  tracked?: { id: string; hash: string; deleted?: true };
};

export type BatchLimits = { maxCalls: number; maxBytes: number };

/** Segment and Customer.io `/v1/batch`: at most 500 KB per request; Segment takes ≤ 2,500 calls. */
export const DEFAULT_BATCH_LIMITS: BatchLimits = { maxCalls: 2_500, maxBytes: 500_000 };

// `{"batch":[` … `],"sentAt":"2026-01-01T00:00:00.000Z"}` plus one comma per call.
const ENVELOPE_OVERHEAD = 64;

/**
 * Groups calls into batches bounded by count and by bytes, in order. Calls are checked against the
 * per-call limit before they get here, so a single call always fits.
 */
export class Batcher {
  private current: Envelope[] = [];
  private bytes = ENVELOPE_OVERHEAD;

  constructor(private readonly limits: BatchLimits = DEFAULT_BATCH_LIMITS) {}

  /** Adds a call; returns the batches it completed (none, or one; two only when maxCalls is 1). */
  add(envelope: Envelope): Envelope[][] {
    const full: Envelope[][] = [];
    if (this.current.length > 0 && this.bytes + envelope.bytes + 1 > this.limits.maxBytes) full.push(this.take());
    this.current.push(envelope);
    this.bytes += envelope.bytes + 1;
    if (this.current.length >= this.limits.maxCalls) full.push(this.take());
    return full;
  }

  /** Takes what is waiting, if anything. */
  flush(): Envelope[] | null {
    return this.current.length === 0 ? null : this.take();
  }

  private take(): Envelope[] {
    const batch = this.current;
    this.current = [];
    this.bytes = ENVELOPE_OVERHEAD;
    return batch;
  }
}
