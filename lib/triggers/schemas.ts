import { z } from "zod";

export const ZDbtSecretSchema = z.object({
  dbtSecret: z
    .string()
    .trim()
    .min(1, "Paste the secret token dbt Cloud showed when you made the webhook, or send null to remove it")
    .max(500)
    .nullable()
    .describe("The dbt Cloud webhook's secret token (verifies its `authorization` signature); null removes it"),
});
export type TDbtSecret = z.infer<typeof ZDbtSecretSchema>;
