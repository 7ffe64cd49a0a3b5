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
const BATCH_OPEN = '{"batch":[';
/** A batch body starts this big (a default batch fits without growing) and doubles when needed. */
const INITIAL_BODY_BYTES = 1024 * 1024;
const BODY = Symbol("request body");
/** Bodies kept for reuse: about the batches in flight at once plus the one filling. */
const POOLED_BODIES = 8;

/** A batch's request body so far. `released`: handed back for reuse, so its calls can no longer be read. */
type Body = { buffer: Buffer; length: number; closed?: Buffer; released?: true };

/** A batch of calls; one made by a Batcher also carries its `/v1/batch` request body, already encoded. */
export type Batch = Envelope[] & { [BODY]?: Body };

/**
 * A call in a batch, kept as its bytes in the batch's body: the JSON text is decoded again only when
 * asked for (Data In's sample, per-call destinations, error rows). Holding thousands of call strings
 * until delivery would have them all promoted to the old generation and collected at great cost.
 */
class BatchedCall implements Envelope {
  readonly rowNumber: number;
  readonly bytes: number;
  readonly values?: readonly unknown[];
  readonly tracked?: Envelope["tracked"];

  constructor(
    envelope: Envelope,
    private readonly body: Body,
    private readonly start: number,
  ) {
    this.rowNumber = envelope.rowNumber;
    this.bytes = envelope.bytes;
    if (envelope.values) this.values = envelope.values;
    if (envelope.tracked) this.tracked = envelope.tracked;
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
 * Groups calls into batches bounded by count and by bytes, in order, writing each call into the
 * batch's request body as it comes. Calls are checked against the per-call limit before they get
 * here, so a single call always fits. Bodies of batches `release`d are reused: a run's memory for
 * bodies stays at a few batches instead of waiting for the garbage collector.
 */
export class Batcher {
  private current: Envelope[] = [];
  private bytes = ENVELOPE_OVERHEAD;
  private body: Body | null = null;
  private readonly pool: Buffer[] = [];
  private readonly standardSize: number;

  constructor(private readonly limits: BatchLimits = DEFAULT_BATCH_LIMITS) {
    // A batch within maxBytes is at most 8 bytes longer than that with its closing: no growth.
    this.standardSize = Math.min(limits.maxBytes, INITIAL_BODY_BYTES) + ENVELOPE_OVERHEAD;
  }

  /** Adds a call; returns the batches it completed (none, or one; two only when maxCalls is 1). */
  add(envelope: Envelope): Batch[] {
    const full: Batch[] = [];
    if (this.current.length > 0 && this.bytes + envelope.bytes + 1 > this.limits.maxBytes) full.push(this.take());
    this.append(envelope);
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

  private append(envelope: Envelope) {
    // Room for the call, its comma and the closing `sentAt`; a body grows by doubling (its calls
    // keep their offsets in the copy).
    const body = (this.body ??= this.openBody());
    const needed = body.length + envelope.bytes + ENVELOPE_OVERHEAD;
    if (needed > body.buffer.length) {
      const grown = Buffer.allocUnsafe(Math.max(needed, 2 * body.buffer.length));
      body.buffer.copy(grown, 0, 0, body.length);
      body.buffer = grown;
    }
    if (this.current.length > 0) body.buffer[body.length++] = 0x2c; // ","
    this.current.push(new BatchedCall(envelope, body, body.length));
    body.length += writeCall(body.buffer, envelope, body.length);
    this.bytes += envelope.bytes + 1;
  }

  private openBody(): Body {
    const buffer = this.pool.pop() ?? Buffer.allocUnsafe(this.standardSize);
    return { buffer, length: buffer.write(BATCH_OPEN, 0, "latin1") };
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

/**
 * `{"batch":[…],"sentAt":…}` as UTF-8. A Batcher's batch has it written already and only needs
 * closing (once: every destination and retry sends the same bytes); any other list of calls is
 * encoded here, each call once, without parsing or joining them first.
 */
export function batchBody(batch: readonly Envelope[]): Buffer {
  const prepared = (batch as Batch)[BODY];
  if (prepared?.released) throw new Error("A batch was sent after it was released.");
  if (prepared) {
    prepared.closed ??= prepared.buffer.subarray(0, prepared.length + prepared.buffer.write(closing(), prepared.length, "latin1"));
    return prepared.closed;
  }
  const close = closing();
  let size = BATCH_OPEN.length + close.length + Math.max(0, batch.length - 1);
  for (const envelope of batch) size += envelope.bytes;
  const body = Buffer.allocUnsafe(size);
  let offset = body.write(BATCH_OPEN, 0, "latin1");
  for (let i = 0; i < batch.length; i++) {
    if (i > 0) body[offset++] = 0x2c; // ","
    offset += writeCall(body, batch[i], offset);
  }
  body.write(close, offset, "latin1");
  return body;
}

/** Writes a call's JSON at `offset`; its measured size must be exact, or the body would be cut. */
function writeCall(body: Buffer, envelope: Envelope, offset: number): number {
  const written = body.write(envelope.json, offset, "utf8");
  if (written !== envelope.bytes) throw new Error(`Call ${envelope.messageId} was measured as ${envelope.bytes} bytes but is ${written}.`);
  return written;
}

const closing = () => `],"sentAt":"${new Date().toISOString()}"}`;
