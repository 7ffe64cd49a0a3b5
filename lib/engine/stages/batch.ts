// The engine's batch stage: calls grouped into batches bounded by count and bytes, each written into
// its request body (lib/calls/batch-body.ts) as it comes.
import { BATCH_OPEN_BYTES, BatchBody, BODY, COMMA, ENVELOPE_OVERHEAD, type Batch } from "../../calls/batch-body";
import type { Envelope, Tracked } from "../../calls/envelope";
import type { JsonWriter } from "../../calls/json-writer";

export type BatchLimits = { maxCalls: number; maxBytes: number };

/** Segment and Customer.io `/v1/batch`: at most 500 KB per request; Segment takes ≤ 2,500 calls. */
export const DEFAULT_BATCH_LIMITS: BatchLimits = { maxCalls: 2_500, maxBytes: 500_000 };

/** A batch body starts this big (a default batch fits without growing) and doubles when needed. */
const INITIAL_BODY_BYTES = 1024 * 1024;
/**
 * Room past a full batch for the call that does not fit: it is written before it can be measured,
 * then moved to the next batch. Without it nearly every body would double (and copy) to take it.
 */
const OVERFLOW_ROOM = 64 * 1024;
/** Bodies kept for reuse: about the batches in flight at once plus the one filling. */
const POOLED_BODIES = 8;

/**
 * A call in a batch, kept as its bytes in the batch's body: the JSON text is decoded again only when
 * asked for (Data In's sample, per-call destinations, error rows). Holding thousands of call strings
 * until delivery would have them all promoted to the old generation and collected at great cost.
 */
class BatchedCall implements Envelope {
  readonly values?: readonly unknown[];
  readonly tracked?: Tracked;

  constructor(
    readonly rowNumber: number,
    readonly bytes: number,
    private readonly body: BatchBody,
    private readonly start: number,
    tracked: Tracked | undefined,
    values: readonly unknown[] | undefined,
  ) {
    if (tracked) this.tracked = tracked;
    if (values) this.values = values;
  }

  get json(): string {
    if (this.body.released) throw new Error(`The call of row ${this.rowNumber} was read after its batch was released.`);
    return this.body.buffer.toString("utf8", this.start, this.start + this.bytes);
  }

  /** Read from the call itself: few need it (Data In, the inbox), and every batched call would hold it. */
  get messageId(): string {
    return (JSON.parse(this.json) as { messageId: string }).messageId;
  }
}

/**
 * Groups calls into batches bounded by count and by bytes, in order, each call written into the
 * batch's request body as it comes: `open` gives the writer, then `commit` keeps the call (or
 * `discard` drops it). Calls are checked against the per-call limit before they are committed, so a
 * single call always fits. Bodies of batches `release`d are reused: a run's memory for bodies stays
 * at a few batches instead of waiting for the garbage collector.
 */
export class Batcher {
  private current: Envelope[] = [];
  private bytes = ENVELOPE_OVERHEAD;
  private body: BatchBody | null = null;
  /** Where the open call's comma (if any) and the call itself start. */
  private mark = 0;
  private start = 0;
  private readonly pool: Buffer[] = [];
  private readonly standardSize: number;

  constructor(private readonly limits: BatchLimits = DEFAULT_BATCH_LIMITS) {
    // A batch within maxBytes is at most 8 bytes longer than that with its closing: no growth.
    this.standardSize = Math.min(limits.maxBytes, INITIAL_BODY_BYTES) + ENVELOPE_OVERHEAD + OVERFLOW_ROOM;
  }

  /** Adds a call made elsewhere; returns the batches it completed, as `commit` does. */
  add(envelope: Envelope): Batch[] {
    this.open().json(envelope.json);
    return this.commit(envelope.rowNumber, envelope.tracked, envelope.values);
  }

  /** Starts a call at the end of the batch filling; write it into the writer returned. */
  open(): JsonWriter {
    const body = (this.body ??= this.openBody());
    this.mark = body.length;
    if (this.current.length > 0) body.byte(COMMA);
    this.start = body.length;
    return body;
  }

  /** Drops what was written since `open`. */
  discard() {
    this.body!.length = this.mark;
  }

  /**
   * Keeps the call written since `open`; returns the batches it completed (none, or one; two only
   * when maxCalls is 1). A call that would take the batch over maxBytes starts the next one.
   */
  commit(rowNumber: number, tracked?: Tracked, values?: readonly unknown[]): Batch[] {
    let body = this.body!;
    let start = this.start;
    const bytes = body.length - start;
    const full: Batch[] = [];
    if (this.current.length > 0 && this.bytes + bytes + 1 > this.limits.maxBytes) {
      const next = this.openBody();
      next.ensure(bytes + ENVELOPE_OVERHEAD);
      body.buffer.copy(next.buffer, next.length, start, start + bytes);
      body.length = this.mark;
      full.push(this.take());
      this.body = body = next;
      start = next.length;
      next.length += bytes;
    }
    this.current.push(new BatchedCall(rowNumber, bytes, body, start, tracked, values));
    this.bytes += bytes + 1;
    if (this.current.length >= this.limits.maxCalls) full.push(this.take());
    return full;
  }

  /** Takes what is waiting, if anything. */
  flush(): Batch | null {
    return this.current.length === 0 ? null : this.take();
  }

  /** The batch was sent and its calls read for the last time: its body may hold the next batch. */
  release(batch: Batch) {
    const body = batch[BODY];
    if (!body || body.released) return;
    body.released = true;
    if (body.buffer.length === this.standardSize && this.pool.length < POOLED_BODIES) this.pool.push(body.buffer);
  }

  private openBody(): BatchBody {
    const body = new BatchBody(this.pool.pop() ?? Buffer.allocUnsafe(this.standardSize));
    body.bytes(BATCH_OPEN_BYTES);
    return body;
  }

  private take(): Batch {
    const batch: Batch = this.current;
    batch[BODY] = this.body!;
    this.current = [];
    this.bytes = ENVELOPE_OVERHEAD;
    this.body = null;
    return batch;
  }
}
