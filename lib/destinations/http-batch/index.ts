import { sendSegmentBatch } from "../segment-batch";
import type { Destination } from "../types";
import { httpBatchSpec, type THttpBatchConfig } from "./spec";

export const httpBatchDestination: Destination<THttpBatchConfig> = {
  spec: httpBatchSpec,
  send: (config, batch, context) => sendSegmentBatch(`${config.url.replace(/\/+$/, "")}/v1/batch`, config.writeKey, batch, context),
};
