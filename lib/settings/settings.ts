import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import { db } from "../db";
import { allowPrivateDestinations } from "../env";
import { parseInput } from "../errors";
import type { UrlPolicy } from "../http/url-guard";

export const ZSettingsSchema = z.object({
  /** Destination URLs on loopback or private networks (cloud-metadata addresses never). */
  allowPrivateDestinations: z.boolean().default(false),
  /** Runs older than this, and their errors and calls, are deleted. */
  runRetentionDays: z.coerce.number().int().min(1).max(3650).default(90),
  /** Audit log entries older than this are deleted. */
  auditRetentionDays: z.coerce.number().int().min(1).max(3650).default(365),
});
export type TSettings = z.infer<typeof ZSettingsSchema>;

export async function getSettings(): Promise<TSettings> {
  const rows = await db().setting.findMany();
  return ZSettingsSchema.parse(Object.fromEntries(rows.map((row) => [row.key, JSON.parse(row.value)])));
}

/** An admin changes settings; only the keys given change. */
export async function updateSettings(input: unknown): Promise<TSettings> {
  const changes = parseInput(ZSettingsSchema.partial(), input);
  const before = await getSettings();
  const after = ZSettingsSchema.parse({ ...before, ...Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) });
  await db().$transaction(async (tx) => {
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined) continue;
      await tx.setting.upsert({ where: { key }, create: { key, value: JSON.stringify(value) }, update: { value: JSON.stringify(value) } });
    }
    await recordAudit({ action: "settings.update", resource: { type: "settings", name: "Settings" }, before, after }, tx);
  });
  return after;
}

/** Settings → Private destinations: the admin's choice, and whether the environment allows them anyway. */
export async function privateDestinationsSetting(): Promise<{ allowed: boolean; byEnvironment: boolean }> {
  return { allowed: (await getSettings()).allowPrivateDestinations, byEnvironment: allowPrivateDestinations() };
}

/** Private destinations are allowed by the environment (TIDEWATER_ALLOW_PRIVATE_DESTINATIONS) or by an admin. */
export async function destinationPolicy(): Promise<UrlPolicy> {
  return { allowPrivate: allowPrivateDestinations() || (await getSettings()).allowPrivateDestinations };
}
