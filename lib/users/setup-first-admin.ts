import { recordAudit } from "../audit/record-audit";
import { SERVICE_ACCOUNT_EMAIL } from "../auth/api-tokens";
import { hashPassword } from "../auth/password";
import { consumeAttempt, RateLimitedError } from "../auth/rate-limit";
import { db } from "../db";
import { AppError, parseInput } from "../errors";
import { ZSetupAdminSchema } from "./schemas";
import { isSetupCode, SETUP_CODE_KEY } from "./setup-code";

/** Inserted with the first admin: a second setup's insert of the same key fails, so one setup wins. */
const SETUP_DONE_KEY = "setup.done";
const SETUP_PER_ADDRESS = { scope: "setup-address", limit: 10, windowSeconds: 60 };

const alreadySetUp = () => new AppError("forbidden", "This Tidewater already has an admin. Sign in instead.");

/** People who can sign in; the API token's service account (passwordHash "!") is not one. */
export async function hasAnyUser(): Promise<boolean> {
  return (await db().user.count({ where: { passwordHash: { not: "!" } } })) > 0;
}

/**
 * The first visitor of a fresh install creates the admin account, with the setup code printed on
 * the server's console at start (see instrumentation.ts); afterwards this is refused.
 */
export async function setupFirstAdmin(input: unknown, client: { address: string }) {
  const attempt = await consumeAttempt(SETUP_PER_ADDRESS, client.address);
  if (!attempt.allowed) throw new RateLimitedError("setup attempts", attempt.retryAfterSeconds);
  const { code, ...admin } = parseInput(ZSetupAdminSchema, input);
  if (await hasAnyUser()) throw alreadySetUp();
  if (!(await isSetupCode(code))) {
    throw new AppError("forbidden", "The setup code is missing or wrong. Open the setup link printed in Tidewater's server console at start.", {
      code: ["Not the code printed at start"],
    });
  }
  return createFirstAdmin(admin);
}

/**
 * TIDEWATER_ADMIN_EMAIL + TIDEWATER_ADMIN_PASSWORD: the first admin, made at start with no web step.
 * An account with that email is kept as it is (its password may have been changed since: it is
 * never reset from the environment); once any admin exists the variables change nothing.
 */
export async function setupAdminFromEnv(email: string, password: string): Promise<"created" | "kept" | "ignored"> {
  const admin = parseInput(ZSetupAdminSchema.omit({ code: true }), { email, password, name: "" });
  const existing = await db().user.findUnique({ where: { email: admin.email } });
  if (existing && existing.passwordHash !== "!") return "kept";
  if (await hasAnyUser()) return "ignored";
  try {
    await createFirstAdmin(admin);
    return "created";
  } catch (error) {
    // Another process of this install, started at the same moment, was first.
    if (!(error instanceof AppError) || !["forbidden", "conflict"].includes(error.code)) throw error;
    return (await db().user.findUnique({ where: { email: admin.email } }))?.passwordHash.startsWith("scrypt$") ? "kept" : "ignored";
  }
}

/** In one transaction with the "setup done" row, so two setups at the same moment make one admin. */
async function createFirstAdmin({ name, email, password }: { name: string; email: string; password: string }) {
  if (email === SERVICE_ACCOUNT_EMAIL || (await db().user.findUnique({ where: { email } }))) {
    throw new AppError("conflict", "This email belongs to Tidewater's API service account. Use your own email.", { email: ["Taken by the API account"] });
  }
  const passwordHash = await hashPassword(password);
  try {
    return await db().$transaction(async (tx) => {
      await tx.setting.create({ data: { key: SETUP_DONE_KEY, value: JSON.stringify({ email, at: new Date().toISOString() }) } });
      if ((await tx.user.count({ where: { passwordHash: { not: "!" } } })) > 0) throw alreadySetUp();
      const user = await tx.user.create({ data: { email, name, role: "admin", passwordHash }, select: { id: true, email: true, role: true } });
      await tx.setting.deleteMany({ where: { key: SETUP_CODE_KEY } });
      const actor = { type: "user" as const, id: user.id, name: email };
      await recordAudit({ actor, action: "user.setup_first_admin", resource: { type: "user", id: user.id, name: email }, after: { email, name, role: "admin" } }, tx);
      return user;
    });
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") throw alreadySetUp();
    throw error;
  }
}
