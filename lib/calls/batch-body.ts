// The `/v1/batch` request body of a batch of calls: `{"batch":[…],"sentAt":…}` as UTF-8. The engine's
// batcher writes each call into its batch's body as it comes (BatchBody); destinations send it.
import type { Envelope } from "./envelope";
import { JsonWriter, utf8 } from "./json-writer";

// `{"batch":[` … `],"sentAt":"2026-01-01T00:00:00.000Z"}` plus one comma per call.
export const ENVELOPE_OVERHEAD = 64;
const BATCH_OPEN = '{"batch":[';
export const BATCH_OPEN_BYTES = utf8(BATCH_OPEN);
export const COMMA = 0x2c;
export const BODY = Symbol("request body");

/** A batch's request body so far. `released`: handed back for reuse, so its calls can no longer be read. */
export class BatchBody extends JsonWriter {
  closed?: Buffer;
  released?: true;
}

/** A batch of calls; one made by the engine's Batcher also carries its request body, already encoded. */
export type Batch = Envelope[] & { [BODY]?: BatchBody };

/**
 * `{"batch":[…],"sentAt":…}` as UTF-8. A Batcher's batch has it written already and only needs
 * closing (once: every destination and retry sends the same bytes); any other list of calls is
 * encoded here, each call once, without parsing or joining them first.
 */
export function batchBody(batch: readonly Envelope[]): Buffer {
  const prepared = (batch as Batch)[BODY];
  if (prepared?.released) throw new Error("A batch was sent after it was released.");
  if (prepared) {
    if (!prepared.closed) {
      const length = prepared.length;
      prepared.json(closing());
      prepared.closed = prepared.buffer.subarray(0, prepared.length);
      prepared.length = length;
    }
    return prepared.closed;
  }
  const body = new JsonWriter(Buffer.allocUnsafe(BATCH_OPEN.length + ENVELOPE_OVERHEAD + batch.reduce((sum, envelope) => sum + envelope.bytes + 1, 0)));
  body.bytes(BATCH_OPEN_BYTES);
  for (let i = 0; i < batch.length; i++) {
    if (i > 0) body.byte(COMMA);
    body.json(batch[i].json);
  }
  body.json(closing());
  return body.buffer.subarray(0, body.length);
}

const closing = () => `],"sentAt":"${new Date().toISOString()}"}`;
