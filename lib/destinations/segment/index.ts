import { sendSegmentBatch } from "../segment-batch";
import type { Destination } from "../types";
import { SEGMENT_ENDPOINTS, segmentSpec, type TSegmentConfig } from "./spec";

const endpoint = (config: TSegmentConfig) => config.endpoint ?? SEGMENT_ENDPOINTS[config.region];

export const segmentDestination: Destination<TSegmentConfig> = {
  spec: segmentSpec,
  send: (config, batch, context) => sendSegmentBatch(endpoint(config), config.writeKey, batch, context),
};
