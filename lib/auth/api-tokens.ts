// API tokens (Settings → API tokens and /api/v1/tokens): shown once, stored as a SHA-256 hash.
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { pageArgsIf, type TPageQuery } from "../api/page";
import { recordAudit } from "../audit/record-audit";
import { db } from "../db";
import { notFound, parseInput } from "../errors";
import type { Actor, TRole } from "./roles";

const PREFIX = "tw_";

export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

const DAY_MS = 86_400_000;

/** `2027-01-31` (the token works through that day, UTC) or an exact ISO-8601 time → the moment it stops. */
const expiryDate = (value: string | null | undefined) =>
  value ? new Date(value.length === 10 ? Date.parse(`${value}T00:00:00Z`) + DAY_MS : Date.parse(value)) : null;

const ZExpirySchema = z
  .union([z.iso.date(), z.iso.datetime({ offset: true })])
  .nullable()
  .optional()
  .refine((value) => !value || expiryDate(value)!.getTime() > Date.now(), "Pick a date in the future, or none for a token that does not expire")
  .describe("When the token stops working: a date (it works through that day, UTC) or an ISO-8601 time; omit or null for never");

export const ZCreateApiTokenSchema = z.object({
  name: z.string().trim().min(1, "Name the token after what uses it, like \"dbt nightly\"").max(100),
  expiresAt: ZExpirySchema,
});
export type TCreateApiToken = z.infer<typeof ZCreateApiTokenSchema>;

/** A new token for `userId` (it acts with that person's role), shown once; only its hash is stored. */
export async function createApiToken(userId: string, input: TCreateApiToken | string) {
  const parsed = parseInput(ZCreateApiTokenSchema, typeof input === "string" ? { name: input } : input);
  const [name, expiresAt] = [parsed.name, expiryDate(parsed.expiresAt)];
  const token = PREFIX + randomBytes(24).toString("base64url");
  const row = await db().$transaction(async (tx) => {
    const created = await tx.apiToken.create({ data: { name, userId, expiresAt, tokenHash: hashToken(token) } });
    await recordAudit({ action: "api_token.create", resource: { type: "api_token", id: created.id, name }, after: { name, expiresAt } }, tx);
    return created;
  });
  return { id: row.id, name: row.name, createdAt: row.createdAt, expiresAt: row.expiresAt, token };
}

/** Every token, newest first: name, owner, created, expiry and last used; never the token itself. */
export async function listApiTokens(page?: TPageQuery) {
  const rows = await db().apiToken.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    ...pageArgsIf(page),
    select: { id: true, name: true, source: true, createdAt: true, expiresAt: true, lastUsedAt: true, user: { select: { email: true, role: true } } },
  });
  return rows.map((row) => ({ ...row, expired: isExpired(row.expiresAt) }));
}

const isExpired = (expiresAt: Date | null) => expiresAt !== null && expiresAt.getTime() <= Date.now();

export async function revokeApiToken(id: string) {
  const token = await db().apiToken.findUnique({ where: { id }, select: { name: true, expiresAt: true } });
  await db().$transaction(async (tx) => {
    const { count } = await tx.apiToken.deleteMany({ where: { id } });
    if (count === 0 || !token) throw notFound("API token");
    await recordAudit({ action: "api_token.revoke", resource: { type: "api_token", id, name: token.name }, before: token }, tx);
  });
}

/** The actor behind a bearer token, or null (unknown, revoked or expired); records when the token was last used. */
export async function actorForToken(token: string): Promise<Actor | null> {
  const row = await db().apiToken.findUnique({ where: { tokenHash: hashToken(token) }, include: { user: true } });
  if (!row || isExpired(row.expiresAt)) return null;
  await db().apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  return { userId: row.user.id, email: row.user.email, name: `the API token "${row.name}"`, role: row.user.role as TRole, via: "token", tokenName: row.name };
}

export const SERVICE_ACCOUNT_EMAIL = "api@tidewater.local";

/**
 * TIDEWATER_API_TOKEN: a headless install gets an admin token with that value (kept if it exists);
 * a different value at start revokes the env token it replaces. The token belongs to a service
 * account (passwordHash "!": it can never sign in), so removing a person never stops it.
 */
export async function ensureEnvApiToken(token: string) {
  const database = db();
  const tokenHash = hashToken(token);
  const existing = await database.apiToken.findUnique({ where: { tokenHash } });
  if (existing) {
    await database.apiToken.deleteMany({ where: { source: "env", id: { not: existing.id } } });
    if (existing.source !== "env") await database.apiToken.update({ where: { id: existing.id }, data: { source: "env" } });
    return;
  }
  const account = await database.user.upsert({
    where: { email: SERVICE_ACCOUNT_EMAIL },
    create: { email: SERVICE_ACCOUNT_EMAIL, name: "API", role: "admin", passwordHash: "!" },
    update: {},
  });
  try {
    await database.$transaction([
      database.apiToken.deleteMany({ where: { source: "env" } }),
      database.apiToken.create({ data: { name: "TIDEWATER_API_TOKEN", source: "env", userId: account.id, tokenHash } }),
    ]);
  } catch (error) {
    // Another process of this install, started with the same value, created it first.
    if ((error as { code?: string }).code !== "P2002") throw error;
  }
}
