import { z } from "zod";
import type { DestinationSpec } from "../types";

export const ZWebhookConfigSchema = z.object({
  url: z.url({ protocol: /^https?$/, error: "Enter the URL to POST to" }),
  headers: z.record(z.string().regex(/^[A-Za-z0-9-]+$/, "Header names are letters, digits and dashes"), z.string()).default({}),
});
export type TWebhookConfig = z.infer<typeof ZWebhookConfigSchema>;

export const webhookSpec: DestinationSpec = {
  kind: "webhook",
  displayName: "Webhook",
  description: 'POSTs each batch as {"batch":[…],"sentAt":…} to your URL with the headers you set.',
  configSchema: ZWebhookConfigSchema,
  secretKeys: ["headers"],
};
