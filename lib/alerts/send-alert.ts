// Delivers one alert message to channels and records each attempt (AlertEvent) with its run.
import type { AlertChannel } from "@tidewater/prisma-sqlite";
import type { Db } from "../db";
import { log } from "../observability/log";
import { destinationPolicy } from "../settings/settings";
import type { TAlertMessage } from "./alert-message";
import { channelConfig } from "./alert-channels";
import { smtpForSending } from "./alert-settings";
import { sendEmail } from "./channels/send-email";
import { postSlack, postWebhook } from "./channels/post-alert";

export type TSendResult = { channelId: string | null; status: "sent" | "failed"; error: string | null };

export async function sendAlert(database: Db, message: TAlertMessage, channels: AlertChannel[]): Promise<TSendResult[]> {
  if (channels.length === 0) return [await record(database, message, null, "No alert channel is set up (Settings → Alerts).")];
  return Promise.all(
    channels.map(async (channel) => {
      let error: string | null = null;
      try {
        await deliver(database, channel, message);
      } catch (caught) {
        error = caught instanceof Error ? caught.message : String(caught);
        log().warn({ channelId: channel.id, kind: channel.kind, error }, "[tidewater] an alert could not be sent");
      }
      return record(database, message, channel.id, error);
    }),
  );
}

async function deliver(database: Db, channel: AlertChannel, message: TAlertMessage) {
  const config = channelConfig(channel);
  if (channel.kind === "email") {
    const smtp = await smtpForSending(database);
    if (!smtp) throw new Error("No SMTP server is set up in Settings → Alerts.");
    return sendEmail(smtp, config.to as string[], message);
  }
  const policy = await destinationPolicy();
  if (channel.kind === "slack") return postSlack(config.url as string, message, policy);
  if (channel.kind === "webhook") return postWebhook(config.url as string, config.signingSecret as string, message, policy);
  throw new Error(`Unknown channel kind ${channel.kind}`);
}

async function record(database: Db, message: TAlertMessage, channelId: string | null, error: string | null): Promise<TSendResult> {
  await database.alertEvent.create({
    data: {
      kind: message.kind,
      syncId: message.kind === "test" ? null : message.sync.id,
      runId: message.run?.id ?? null,
      channelId,
      subject: message.subject,
      reasons: JSON.stringify(message.reasons),
      status: error ? "failed" : "sent",
      error,
    },
  });
  return { channelId, status: error ? "failed" : "sent", error };
}
