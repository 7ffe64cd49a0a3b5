import { z } from "zod";
import { ZDeliveryTuningSchema, type DestinationSpec } from "../types";

export const ZWebhookConfigSchema = ZDeliveryTuningSchema.extend({
  url: z.url({ protocol: /^https?$/, error: "Enter the URL to POST to" }),
  mode: z.enum(["batch", "call"]).default("batch"),
  headers: z.record(z.string().regex(/^[A-Za-z0-9-]+$/, "Header names are letters, digits and dashes"), z.string()).default({}),
  signingSecret: z.string().min(16, "Use at least 16 characters").optional(),
});
export type TWebhookConfig = z.infer<typeof ZWebhookConfigSchema>;

export const webhookSpec: DestinationSpec = {
  kind: "webhook",
  displayName: "Webhook",
  description:
    'POSTs each batch as {"batch":[…],"sentAt":…} (or each call on its own) to your URL with your headers, signed with HMAC-SHA256 when you set a signing secret.',
  configSchema: ZWebhookConfigSchema,
  secretKeys: ["headers", "signingSecret"],
  defaults: { concurrency: 4, rateLimitPerSecond: 0 },
};
