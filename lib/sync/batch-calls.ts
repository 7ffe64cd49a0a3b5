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

/** A batch of calls; one made by a Batcher also carries its `/v1/batch` request body, already encoded. */
export type Batch = Envelope[] & { [BODY]?: { buffer: Buffer; length: number; closed?: Buffer } };

/**
 * A call in a batch, kept as its bytes in the batch's body: the JSON text is decoded again only when
 * asked for (Data In's sample, per-call destinations, error rows). Holding thousands of call strings
 * until delivery would have them all promoted to the old generation and collected at great cost.
 */
class BatchedCall implements Envelope {
  readonly rowNumber: number;
  readonly messageId: string;
  readonly bytes: number;
  readonly values?: readonly unknown[];
  readonly tracked?: Envelope["tracked"];

  constructor(
    envelope: Envelope,
    private readonly body: Buffer,
    private readonly start: number,
  ) {
    this.rowNumber = envelope.rowNumber;
    this.messageId = envelope.messageId;
    this.bytes = envelope.bytes;
    if (envelope.values) this.values = envelope.values;
    if (envelope.tracked) this.tracked = envelope.tracked;
  }

  get json(): string {
    return this.body.toString("utf8", this.start, this.start + this.bytes);
  }
}

/**
 * Groups calls into batches bounded by count and by bytes, in order, writing each call into the
 * batch's request body as it comes. Calls are checked against the per-call limit before they get
 * here, so a single call always fits.
 */
export class Batcher {
  private current: Envelope[] = [];
  private bytes = ENVELOPE_OVERHEAD;
  private body: Buffer | null = null;
  private length = 0;

  constructor(private readonly limits: BatchLimits = DEFAULT_BATCH_LIMITS) {}

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

  private append(envelope: Envelope) {
    // Room for the call, its comma and the closing `sentAt`; a body grows by doubling. Calls already
    // written keep reading from the buffer they were written to.
    const needed = this.length + envelope.bytes + ENVELOPE_OVERHEAD;
    if (!this.body || needed > this.body.length) {
      const grown = Buffer.allocUnsafe(Math.max(needed, Math.min(this.limits.maxBytes, 2 * (this.body?.length ?? INITIAL_BODY_BYTES / 2))));
      if (this.body) this.body.copy(grown, 0, 0, this.length);
      else this.length = grown.write(BATCH_OPEN, 0, "latin1");
      this.body = grown;
    }
    if (this.current.length > 0) this.body[this.length++] = 0x2c; // ","
    this.current.push(new BatchedCall(envelope, this.body, this.length));
    this.length += writeCall(this.body, envelope, this.length);
    this.bytes += envelope.bytes + 1;
  }

  private take(): Batch {
    const batch: Batch = this.current;
    batch[BODY] = { buffer: this.body!, length: this.length };
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
