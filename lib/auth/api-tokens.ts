// API tokens (Settings → API tokens and /api/v1/tokens): shown once, stored as a SHA-256 hash.
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { db } from "../db";
import { notFound, parseInput } from "../errors";
import type { Actor, TRole } from "./roles";

const PREFIX = "tw_";

export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export const ZCreateApiTokenSchema = z.object({
  name: z.string().trim().min(1, "Name the token after what uses it, like \"dbt nightly\"").max(100),
});
export type TCreateApiToken = z.infer<typeof ZCreateApiTokenSchema>;

/** A new token for `userId` (it acts with that person's role), shown once; only its hash is stored. */
export async function createApiToken(userId: string, input: TCreateApiToken | string) {
  const { name } = parseInput(ZCreateApiTokenSchema, typeof input === "string" ? { name: input } : input);
  const token = PREFIX + randomBytes(24).toString("base64url");
  const row = await db().apiToken.create({ data: { name, userId, tokenHash: hashToken(token) } });
  return { id: row.id, name: row.name, createdAt: row.createdAt, token };
}

/** Every token, newest first: name, owner, created and last used; never the token itself. */
export async function listApiTokens() {
  return db().apiToken.findMany({
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, createdAt: true, lastUsedAt: true, user: { select: { email: true, role: true } } },
  });
}

export async function revokeApiToken(id: string) {
  const { count } = await db().apiToken.deleteMany({ where: { id } });
  if (count === 0) throw notFound("API token");
}

/** The actor behind a bearer token, or null; records when the token was last used. */
export async function actorForToken(token: string): Promise<Actor | null> {
  const row = await db().apiToken.findUnique({ where: { tokenHash: hashToken(token) }, include: { user: true } });
  if (!row) return null;
  await db().apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  return { userId: row.user.id, email: row.user.email, role: row.user.role as TRole, via: "token" };
}

/**
 * TIDEWATER_API_TOKEN: a headless install gets an admin token with that value (kept if it exists).
 * The token belongs to the first admin, or to a service account created for it.
 */
export async function ensureEnvApiToken(token: string) {
  const database = db();
  const tokenHash = hashToken(token);
  if (await database.apiToken.findUnique({ where: { tokenHash } })) return;
  const admin =
    (await database.user.findFirst({ where: { role: "admin" }, orderBy: { createdAt: "asc" } })) ??
    (await database.user.create({ data: { email: "api@tidewater.local", name: "API", role: "admin", passwordHash: "!" } }));
  await database.apiToken.create({ data: { name: "TIDEWATER_API_TOKEN", userId: admin.id, tokenHash } });
}
