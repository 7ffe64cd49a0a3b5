import { z } from "zod";
import { ZDeliveryTuningSchema, type DestinationSpec } from "../types";

export const SEGMENT_ENDPOINTS = { us: "https://api.segment.io/v1/batch", eu: "https://events.eu1.segmentapis.com/v1/batch" } as const;

export const ZSegmentConfigSchema = ZDeliveryTuningSchema.extend({
  /** Optional: a proxy in front of the service (the batch URL itself). */
  endpoint: z.url({ protocol: /^https?$/, error: "Enter the full batch URL of your proxy" }).optional(),
  region: z.enum(["us", "eu"]).default("us"),
  writeKey: z.string().min(1, "Enter the write key of your Segment source"),
});
export type TSegmentConfig = z.infer<typeof ZSegmentConfigSchema>;

export const segmentSpec: DestinationSpec = {
  kind: "segment",
  displayName: "Segment",
  description: "Sends calls to Segment's HTTP Tracking API batch endpoint with your source's write key.",
  configSchema: ZSegmentConfigSchema,
  secretKeys: ["writeKey"],
  defaults: { concurrency: 4, rateLimitPerSecond: 0 },
  maxCallBytes: 32 * 1024,
};
