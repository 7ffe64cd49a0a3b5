// Next.js calls register() once when the server starts: the headless API token, the first admin (or
// the setup link on the console), the in-process scheduler and its graceful shutdown start with it.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env } = await import("./lib/env");
  const { TIDEWATER_API_TOKEN, TIDEWATER_SCHEDULER } = env();
  if (TIDEWATER_API_TOKEN) {
    const { ensureEnvApiToken } = await import("./lib/auth/api-tokens");
    await ensureEnvApiToken(TIDEWATER_API_TOKEN);
  }
  const { prepareFirstAdmin } = await import("./lib/users/prepare-first-admin");
  await prepareFirstAdmin();
  if (TIDEWATER_SCHEDULER === "off") return;
  const { shutDown, startScheduler } = await import("./lib/engine/scheduler");
  await startScheduler();
  // scripts/start.sh sets NEXT_MANUAL_SIG_HANDLE so Next.js leaves the signals to us: running
  // batches get time to finish before the process exits.
  if (process.env.NEXT_MANUAL_SIG_HANDLE) {
    for (const signal of ["SIGTERM", "SIGINT"] as const) {
      process.once(signal, () => {
        console.log(`[tidewater] ${signal}: finishing running batches, then stopping`);
        void shutDown().finally(() => process.exit(0));
      });
    }
  }
}
