import { env } from "../env";
import { hasAnyUser, setupAdminFromEnv } from "./setup-first-admin";
import { ensureSetupCode } from "./setup-code";

/**
 * At start: the admin from TIDEWATER_ADMIN_EMAIL/PASSWORD when set; otherwise, while nobody can
 * sign in, the one-time setup link on the console (the newcomer's one click from the terminal).
 */
export async function prepareFirstAdmin(log: (line: string) => void = console.log) {
  const { TIDEWATER_ADMIN_EMAIL: email, TIDEWATER_ADMIN_PASSWORD: password, NEXTAUTH_URL, PORT } = env();
  if (email && password) {
    const outcome = await setupAdminFromEnv(email, password);
    if (outcome === "created") log(`[tidewater] Created the admin ${email} from TIDEWATER_ADMIN_EMAIL.`);
    if (outcome === "kept") log(`[tidewater] The admin ${email} exists; its password is kept (TIDEWATER_ADMIN_PASSWORD only sets the first one).`);
    if (outcome === "ignored") log(`[tidewater] TIDEWATER_ADMIN_EMAIL ignored: this Tidewater already has an admin.`);
  }
  if (await hasAnyUser()) return;
  const code = await ensureSetupCode();
  const origin = (NEXTAUTH_URL ?? `http://localhost:${PORT}`).replace(/\/+$/, "");
  log(`[tidewater] No admin yet. Open ${origin}/setup?code=${code} to create one.`);
}
