// Alert rules, channels and the SMTP server: one zod schema each, for the API body, the forms and the types.
import { z } from "zod";

const toggle = { enabled: z.boolean() };

export const ZAlertRulesSchema = z.object({
  /** A run failed or was interrupted. */
  runFailed: z.object(toggle),
  /** Failed rows above this share of the rows read. */
  failedRowShare: z.object({ ...toggle, percent: z.number().min(0, "Use 0 to 100").max(100, "Use 0 to 100") }),
  /** Rows read differ from the median of the last 10 successful runs by more than this. */
  rowsReadChange: z.object({ ...toggle, percent: z.number().positive("Use a share above 0").max(10_000) }),
  /** A run lasted longer than this. */
  duration: z.object({ ...toggle, minutes: z.number().positive("Use more than 0 minutes").max(7 * 24 * 60) }),
  /** This many runs skipped in a row. */
  skippedInARow: z.object({ ...toggle, count: z.number().int("Use a whole number").min(1, "Use 1 or more").max(1000) }),
});
export type TAlertRules = z.infer<typeof ZAlertRulesSchema>;
export type TAlertRuleName = keyof TAlertRules;

export const DEFAULT_ALERT_RULES: TAlertRules = {
  runFailed: { enabled: true },
  failedRowShare: { enabled: true, percent: 5 },
  rowsReadChange: { enabled: true, percent: 90 },
  duration: { enabled: false, minutes: 60 },
  skippedInARow: { enabled: true, count: 3 },
};

/** A sync's overrides: each rule given replaces the workspace's; null or absent = the workspace's. */
export const ZSyncAlertRulesSchema = z.object(
  Object.fromEntries(Object.entries(ZAlertRulesSchema.shape).map(([name, rule]) => [name, rule.nullable().optional()])) as {
    [K in TAlertRuleName]: z.ZodOptional<z.ZodNullable<(typeof ZAlertRulesSchema.shape)[K]>>;
  },
);
export type TSyncAlertRules = z.infer<typeof ZSyncAlertRulesSchema>;

export const ZSmtpSettingsSchema = z.object({
  host: z.string().trim().min(1, "Enter the SMTP server's host name").max(255),
  port: z.number().int().min(1).max(65535).default(587),
  /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  secure: z.boolean().default(false),
  user: z.string().max(255).default(""),
  /** Secret: stored encrypted; empty or absent keeps the stored one. */
  password: z.string().max(1000).optional(),
  from: z.email("Enter the address alerts are sent from"),
});
export type TSmtpSettings = z.infer<typeof ZSmtpSettingsSchema>;

export const ZUpdateWorkspaceAlertsSchema = z.object({
  rules: ZAlertRulesSchema.partial().optional(),
  smtp: ZSmtpSettingsSchema.nullable().optional(),
});

const url = z.url({ protocol: /^https?$/, error: "Enter an http or https URL" });

export const ZAlertChannelConfigSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("email"), to: z.array(z.email("Enter email addresses")).min(1, "Enter at least one address").max(50) }),
  z.object({ kind: z.literal("slack"), url: url.optional().describe("Secret: the incoming-webhook URL; empty keeps the stored one") }),
  z.object({ kind: z.literal("webhook"), url, signingSecret: z.string().min(16, "Use at least 16 characters").optional().describe("Secret; empty keeps the stored one") }),
]);

export const ZCreateAlertChannelSchema = z.object({
  name: z.string().trim().min(1, "Enter a name").max(100),
  enabled: z.boolean().default(true),
  config: ZAlertChannelConfigSchema,
});
export type TCreateAlertChannel = z.infer<typeof ZCreateAlertChannelSchema>;

export const ZUpdateAlertChannelSchema = ZCreateAlertChannelSchema.partial();

/** Which keys of a channel's config are secret: stored encrypted, never returned. */
export const SLACK_SECRET_KEYS = ["url"];
export const WEBHOOK_SECRET_KEYS = ["signingSecret"];
export const secretKeysOf = (kind: string): string[] => (kind === "slack" ? SLACK_SECRET_KEYS : kind === "webhook" ? WEBHOOK_SECRET_KEYS : []);

export const ZListAlertEventsQuerySchema = z.object({
  runId: z.string().optional().describe("Only the alerts of this run"),
  syncId: z.string().optional().describe("Only the alerts of this sync"),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
