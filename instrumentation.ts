// Next.js calls register() once when the server starts: the headless API token, the first admin (or
// the setup link on the console), the job runner for this process's role and its graceful shutdown.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env } = await import("./lib/env");
  const { TIDEWATER_API_TOKEN, TIDEWATER_SCHEDULER, TIDEWATER_ROLE } = env();
  if (TIDEWATER_API_TOKEN) {
    const { ensureEnvApiToken } = await import("./lib/auth/api-tokens");
    await ensureEnvApiToken(TIDEWATER_API_TOKEN);
  }
  const { prepareFirstAdmin } = await import("./lib/users/prepare-first-admin");
  await prepareFirstAdmin();
  if (TIDEWATER_ROLE === "worker") throw new Error("TIDEWATER_ROLE=worker is started with `npm run worker`, not the web server.");
  const { jobRunner } = await import("./lib/jobs/job-runner");
  const runner = await jobRunner();
  const { log } = await import("./lib/observability/log");
  if (TIDEWATER_SCHEDULER === "off" && runner.mode === "embedded") return;
  await runner.start(TIDEWATER_ROLE, { schedule: TIDEWATER_SCHEDULER !== "off" });
  if (TIDEWATER_ROLE === "web") return;
  // scripts/start.sh sets NEXT_MANUAL_SIG_HANDLE so Next.js leaves the signals to us: running
  // batches get time to finish before the process exits.
  if (process.env.NEXT_MANUAL_SIG_HANDLE) {
    let stopping = false;
    for (const signal of ["SIGTERM", "SIGINT"] as const) {
      // `on`, not `once`: a repeated signal (systemd's control group, npm passing it on) must not
      // kill the process with the default handler halfway through the drain.
      process.on(signal, () => {
        if (stopping) return;
        stopping = true;
        log().info(`[tidewater] ${signal}: finishing running batches, then stopping`);
        void runner.shutDown().finally(() => process.exit(0));
      });
    }
  }
}
