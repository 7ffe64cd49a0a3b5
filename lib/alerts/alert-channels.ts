// Alert channels: email, Slack, signed webhook. Secret config (Slack's URL, the signing secret) is
// encrypted at rest and never returned; every URL passes the destination address policy.
import type { AlertChannel } from "@tidewater/prisma-sqlite";
import { recordAudit } from "../audit/record-audit";
import { db, type Db } from "../db";
import { AppError, notFound, parseInput } from "../errors";
import { checkUrl, UnsafeUrlError } from "../http/url-guard";
import { keepStoredSecrets, openConfig, publicConfig, sealConfig } from "../secret-config";
import { destinationPolicy } from "../settings/settings";
import { secretKeysOf, ZCreateAlertChannelSchema, ZUpdateAlertChannelSchema } from "./schemas";

export type TPublicAlertChannel = { id: string; name: string; kind: string; enabled: boolean; createdAt: Date; config: Record<string, unknown>; secretsSet: string[] };

export function publicChannel(channel: AlertChannel): TPublicAlertChannel {
  const { config, secretsSet } = publicConfig(channel, secretKeysOf(channel.kind));
  return { id: channel.id, name: channel.name, kind: channel.kind, enabled: channel.enabled, createdAt: channel.createdAt, config, secretsSet };
}

/** The channel's config with its secrets: for sending only. */
export function channelConfig(channel: AlertChannel): Record<string, unknown> {
  return openConfig(channel);
}

export async function listAlertChannels(database: Db = db()): Promise<TPublicAlertChannel[]> {
  return (await database.alertChannel.findMany({ orderBy: { createdAt: "asc" } })).map(publicChannel);
}

export async function createAlertChannel(input: unknown, database: Db = db()): Promise<TPublicAlertChannel> {
  const { name, enabled, config } = parseInput(ZCreateAlertChannelSchema, input);
  const { kind, ...settings } = config;
  await checkChannel(kind, settings);
  const channel = await database.$transaction(async (tx) => {
    const saved = await tx.alertChannel.create({ data: { name, kind, enabled, ...sealConfig(settings, secretKeysOf(kind)) } });
    await recordAudit({ action: "alert_channel.create", resource: { type: "alert_channel", id: saved.id, name }, after: { name, kind, enabled, config: settings }, secretKeys: secretKeysOf(kind) }, tx);
    return saved;
  });
  return publicChannel(channel);
}

export async function updateAlertChannel(id: string, input: unknown, database: Db = db()): Promise<TPublicAlertChannel> {
  const changes = parseInput(ZUpdateAlertChannelSchema, input);
  const stored = await database.alertChannel.findUnique({ where: { id } });
  if (!stored) throw notFound("Alert channel");
  const data: { name?: string; enabled?: boolean; configJson?: string; secretsEncrypted?: string | null } = {};
  if (changes.name !== undefined) data.name = changes.name;
  if (changes.enabled !== undefined) data.enabled = changes.enabled;
  if (changes.config) {
    const { kind, ...settings } = changes.config;
    if (kind !== stored.kind) throw new AppError("invalid_input", "A channel's kind cannot change; add a new channel.", { "config.kind": [`This channel is ${stored.kind}.`] });
    const merged = keepStoredSecrets(settings, openConfig(stored), secretKeysOf(kind));
    await checkChannel(kind, merged);
    Object.assign(data, sealConfig(merged, secretKeysOf(kind)));
  }
  const saved = await database.$transaction(async (tx) => {
    const updated = await tx.alertChannel.update({ where: { id }, data });
    await recordAudit(
      { action: "alert_channel.update", resource: { type: "alert_channel", id, name: updated.name }, before: auditedChannel(stored), after: auditedChannel(updated), secretKeys: secretKeysOf(stored.kind) },
      tx,
    );
    return updated;
  });
  return publicChannel(saved);
}

export async function deleteAlertChannel(id: string, database: Db = db()): Promise<void> {
  await database.$transaction(async (tx) => {
    const stored = await tx.alertChannel.findUnique({ where: { id } });
    if (!stored) throw notFound("Alert channel");
    await tx.alertChannel.delete({ where: { id } });
    await recordAudit({ action: "alert_channel.delete", resource: { type: "alert_channel", id, name: stored.name }, before: auditedChannel(stored), secretKeys: secretKeysOf(stored.kind) }, tx);
  });
}

/** A channel as its audit entry shows it: the config with its secrets, which the entry redacts. */
function auditedChannel(channel: AlertChannel) {
  return { name: channel.name, kind: channel.kind, enabled: channel.enabled, config: openConfig(channel) };
}

async function checkChannel(kind: string, settings: Record<string, unknown>) {
  if (kind === "email") return;
  if (typeof settings.url !== "string" || !settings.url) throw new AppError("invalid_input", "Some fields need attention.", { "config.url": ["Enter the URL to POST alerts to"] });
  if (kind === "webhook" && !settings.signingSecret) {
    throw new AppError("invalid_input", "Some fields need attention.", { "config.signingSecret": ["Enter a signing secret of at least 16 characters"] });
  }
  try {
    checkUrl(settings.url, await destinationPolicy());
  } catch (error) {
    if (error instanceof UnsafeUrlError) throw new AppError("invalid_input", error.message, { "config.url": [error.message] });
    throw error;
  }
}
