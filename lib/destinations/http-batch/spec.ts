import { z } from "zod";
import { ZDeliveryTuningSchema, type DestinationSpec } from "../types";

export const ZHttpBatchConfigSchema = ZDeliveryTuningSchema.extend({
  url: z.url({ protocol: /^https?$/, error: "Enter the endpoint's base URL, like https://events.example.com" }),
  writeKey: z.string().min(1, "Enter the write key of the source at the destination"),
});
export type THttpBatchConfig = z.infer<typeof ZHttpBatchConfigSchema>;

export const httpBatchSpec: DestinationSpec = {
  kind: "http-batch",
  displayName: "HTTP batch (Segment-compatible)",
  description: "POSTs batches to {url}/v1/batch with the write key as HTTP basic user: RudderStack, Jitsu, or your own endpoint.",
  configSchema: ZHttpBatchConfigSchema,
  secretKeys: ["writeKey"],
  defaults: { concurrency: 4, rateLimitPerSecond: 0 },
};
