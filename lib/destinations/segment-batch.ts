import { postJson } from "../http/post-json";
import type { Envelope } from "../calls/envelope";
import { batchBody } from "../calls/batch-body";
import type { DeliveryContext } from "./types";

/** The Segment-compatible batch API (`POST …/v1/batch`, write key as HTTP basic user). */
export async function sendSegmentBatch(endpoint: string, writeKey: string, batch: Envelope[], context: DeliveryContext) {
  await postJson(endpoint, batchBody(batch), {
    headers: { authorization: `Basic ${Buffer.from(`${writeKey}:`).toString("base64")}` },
    policy: context.policy,
    signal: context.signal,
    controls: context.controls,
  });
}
