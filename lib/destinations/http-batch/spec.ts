import { z } from "zod";
import type { DestinationSpec } from "../types";

export const ZHttpBatchConfigSchema = z.object({
  url: z.url({ protocol: /^https?$/, error: "Enter the endpoint's base URL, like https://cdp.customer.io" }),
  writeKey: z.string().min(1, "Enter the write key (API key) of the source at the destination"),
});
export type THttpBatchConfig = z.infer<typeof ZHttpBatchConfigSchema>;

export const httpBatchSpec: DestinationSpec = {
  kind: "http-batch",
  displayName: "HTTP batch (Segment-compatible)",
  description: "POSTs batches to {url}/v1/batch with the write key as HTTP basic user: Customer.io Data Pipelines, Segment, RudderStack, Jitsu.",
  configSchema: ZHttpBatchConfigSchema,
  secretKeys: ["writeKey"],
};
