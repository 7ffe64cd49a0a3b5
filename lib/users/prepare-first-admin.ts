import { appOrigin } from "../app-origin";
import { env } from "../env";
import { hasAnyUser, setupAdminFromEnv } from "./setup-first-admin";
import { ensureSetupCode } from "./setup-code";

/**
 * At start: the admin from TIDEWATER_ADMIN_EMAIL/PASSWORD when set. Returns where to go next, the
 * line the console ends with: while nobody can sign in, the one-time setup link (the newcomer's one
 * click from the terminal), otherwise the address to sign in at.
 */
export async function prepareFirstAdmin(log: (line: string) => void = console.log): Promise<string> {
  const { TIDEWATER_ADMIN_EMAIL: email, TIDEWATER_ADMIN_PASSWORD: password } = env();
  if (email && password) {
    const outcome = await setupAdminFromEnv(email, password);
    if (outcome === "created") log(`[tidewater] Created the admin ${email} from TIDEWATER_ADMIN_EMAIL.`);
    if (outcome === "kept") log(`[tidewater] The admin ${email} exists; its password is kept (TIDEWATER_ADMIN_PASSWORD only sets the first one).`);
    if (outcome === "ignored") log(`[tidewater] TIDEWATER_ADMIN_EMAIL ignored: this Tidewater already has an admin.`);
  }
  const origin = appOrigin();
  if (await hasAnyUser()) return `[tidewater] Tidewater is ready: open ${origin} and sign in.`;
  const code = await ensureSetupCode();
  return `[tidewater] No admin yet. Open ${origin}/setup?code=${code} to create one.`;
}
