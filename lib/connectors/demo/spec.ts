import { z } from "zod";

import type { ConnectorSpec } from "../types";

export const ZDemoConfigSchema = z.object({
  /** The one bundled sample: a small B2B SaaS product's users, companies and activity. */
  dataset: z.literal("saas").default("saas"),
});

export type TDemoConfig = z.infer<typeof ZDemoConfigSchema>;

export const demoSpec: ConnectorSpec<typeof ZDemoConfigSchema> = {
  kind: "demo",
  displayName: "Demo (sample data)",
  configSchema: ZDemoConfigSchema,
  secretKeys: [],
};
