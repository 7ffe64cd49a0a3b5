// Next.js calls register() once when the server starts: the headless API token and the in-process
// scheduler start with it.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env } = await import("./lib/env");
  const { TIDEWATER_API_TOKEN, TIDEWATER_SCHEDULER } = env();
  if (TIDEWATER_API_TOKEN) {
    const { ensureEnvApiToken } = await import("./lib/auth/api-tokens");
    await ensureEnvApiToken(TIDEWATER_API_TOKEN);
  }
  if (TIDEWATER_SCHEDULER === "off") return;
  const { startScheduler } = await import("./lib/sync/scheduler");
  await startScheduler();
}
