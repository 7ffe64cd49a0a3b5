import { z } from "zod";
import type { DestinationSpec } from "../types";

export const ZInboxConfigSchema = z.object({});

export const inboxSpec: DestinationSpec = {
  kind: "inbox",
  displayName: "Tidewater inbox",
  description: "Keeps the calls it receives inside Tidewater, so you can see results without any external service.",
  configSchema: ZInboxConfigSchema,
  secretKeys: [],
  defaults: { concurrency: 1, rateLimitPerSecond: 0 },
};
