// The shapes the trigger routes answer with (lib/openapi/components.ts registers them).
import { z } from "zod";

const time = z.iso.datetime({ offset: true });

export const ZSyncTriggerResponseSchema = z.object({
  exists: z.boolean().describe("Whether the sync has a trigger URL (its secret is never shown again)"),
  createdAt: time.nullable().describe("When the current trigger URL was made or last rotated"),
  dbtSecretSet: z.boolean().describe("Whether a dbt Cloud secret is stored (its value is never returned)"),
});

export const ZCreatedSyncTriggerResponseSchema = z.object({
  url: z.string().describe("POST here from any orchestrator to run the sync. Shown only in this reply; only its hash is stored"),
  dbtCloudUrl: z.string().describe("The endpoint URL for a dbt Cloud webhook (job.run.completed). Shown only in this reply"),
  createdAt: time,
  rotated: z.boolean().describe("true: an earlier trigger URL of this sync stopped working"),
});

export const ZTriggeredRunResponseSchema = z.object({
  runId: z.string(),
  status: z.enum(["running", "queued", "skipped"]).describe("skipped: a run of this sync was still going, so this one was recorded as skipped, as a scheduled one would be"),
  message: z.string(),
});

export const ZIgnoredTriggerResponseSchema = z.object({
  status: z.literal("ignored"),
  reason: z.string().describe("Why nothing was started, e.g. the dbt job run did not succeed"),
});

export const ZDbtTriggerResponseSchema = z.union([ZTriggeredRunResponseSchema, ZIgnoredTriggerResponseSchema]);
