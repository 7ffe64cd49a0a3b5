import { sendSegmentBatch } from "../segment-batch";
import type { Destination } from "../types";
import { CUSTOMERIO_ENDPOINTS, customerioSpec, type TCustomerioConfig } from "./spec";

const endpoint = (config: TCustomerioConfig) => config.endpoint ?? CUSTOMERIO_ENDPOINTS[config.region];

export const customerioDestination: Destination<TCustomerioConfig> = {
  spec: customerioSpec,
  send: (config, batch, context) => sendSegmentBatch(endpoint(config), config.apiKey, batch, context),
};
