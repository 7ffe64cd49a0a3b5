// The alert shapes /api/v1 answers with (added to the OpenAPI components in one block).
import { z } from "zod";
import { ZAlertRulesSchema, ZSmtpSettingsSchema, ZSyncAlertRulesSchema } from "./schemas";

const time = z.iso.datetime({ offset: true });

export const ZWorkspaceAlertsResponseSchema = z.object({
  rules: ZAlertRulesSchema,
  smtp: ZSmtpSettingsSchema.omit({ password: true })
    .extend({ passwordSet: z.boolean().describe("A password is stored (it is never returned)") })
    .nullable(),
});

export const ZSyncAlertRulesResponseSchema = z.object({
  overrides: ZSyncAlertRulesSchema.describe("The sync's own rules; a rule not here follows the workspace"),
  effective: ZAlertRulesSchema.describe("What applies to the sync's runs"),
  workspace: ZAlertRulesSchema,
});

export const ZAlertChannelResponseSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(["email", "slack", "webhook"]),
  enabled: z.boolean(),
  createdAt: time,
  config: z.record(z.string(), z.unknown()).describe("The settings that are not secret"),
  secretsSet: z.array(z.string()).describe("Which secret settings are stored (Slack's url, the webhook's signingSecret)"),
});

export const ZAlertChannelListResponseSchema = z.object({ channels: z.array(ZAlertChannelResponseSchema) });

export const ZAlertTestResponseSchema = z.object({ channelId: z.string().nullable(), status: z.enum(["sent", "failed"]), error: z.string().nullable() });

export const ZAlertEventListResponseSchema = z.object({
  events: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(["failing", "recovered", "test"]),
      syncId: z.string().nullable(),
      runId: z.string().nullable(),
      channelId: z.string().nullable(),
      channelName: z.string().nullable(),
      channelKind: z.string().nullable(),
      subject: z.string(),
      reasons: z.array(z.object({ rule: z.string(), text: z.string() })),
      status: z.enum(["sent", "failed"]),
      error: z.string().nullable(),
      createdAt: time,
    }),
  ),
});
