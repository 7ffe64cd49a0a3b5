import { z } from "zod";
import { ZDeliveryTuningSchema, type DestinationSpec } from "../types";

export const CUSTOMERIO_ENDPOINTS = { us: "https://cdp.customer.io/v1/batch", eu: "https://cdp-eu.customer.io/v1/batch" } as const;

export const ZCustomerioConfigSchema = ZDeliveryTuningSchema.extend({
  /** Optional: a proxy in front of the service (the batch URL itself). */
  endpoint: z.url({ protocol: /^https?$/, error: "Enter the full batch URL of your proxy" }).optional(),
  region: z.enum(["us", "eu"], { error: "Pick your account's region" }).default("us"),
  apiKey: z.string().min(1, "Enter the API key of your Data Pipelines source"),
});
export type TCustomerioConfig = z.infer<typeof ZCustomerioConfigSchema>;

export const customerioSpec: DestinationSpec = {
  kind: "customerio",
  displayName: "Customer.io Data Pipelines",
  description: "Sends calls to Customer.io's Data Pipelines batch API in your account's region (US or EU).",
  configSchema: ZCustomerioConfigSchema,
  secretKeys: ["apiKey"],
  // Customer.io's Track API allows about 100 requests a second.
  defaults: { concurrency: 4, rateLimitPerSecond: 100 },
  maxCallBytes: 32 * 1024,
};
