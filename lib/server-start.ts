// What instrumentation.ts runs when the Node.js server starts. It lives apart so the Edge build of
// instrumentation.ts holds none of it (process.on and process.exit are Node.js only).
import { limitHeapGrowth } from "./engine/heap-growth";
import { env } from "./env";
import { log } from "./observability/log";

export async function startServer() {
  const { TIDEWATER_API_TOKEN, TIDEWATER_SCHEDULER, TIDEWATER_ROLE } = env();
  if (TIDEWATER_API_TOKEN) {
    const { ensureEnvApiToken } = await import("./auth/api-tokens");
    await ensureEnvApiToken(TIDEWATER_API_TOKEN);
  }
  const { prepareFirstAdmin } = await import("./users/prepare-first-admin");
  const nextStep = await prepareFirstAdmin();
  if (TIDEWATER_ROLE === "worker") throw new Error("TIDEWATER_ROLE=worker is started with `npm run worker`, not the web server.");
  const { jobRunner } = await import("./jobs/job-runner");
  const runner = await jobRunner();
  const runsNothing = TIDEWATER_SCHEDULER === "off" && runner.mode === "embedded";
  if (!runsNothing && TIDEWATER_ROLE !== "web") limitHeapGrowth();
  if (!runsNothing) await runner.start(TIDEWATER_ROLE, { schedule: TIDEWATER_SCHEDULER !== "off" });
  if (!runsNothing && TIDEWATER_ROLE !== "web") handleSignals(runner);
  // Last on the console (Next.js prints its "Ready" before register() runs): where the person goes next.
  console.log(nextStep);
}

function handleSignals(runner: { shutDown(): Promise<void> }) {
  // scripts/start.sh sets NEXT_MANUAL_SIG_HANDLE so Next.js leaves the signals to us: running
  // batches get time to finish before the process exits.
  if (!process.env.NEXT_MANUAL_SIG_HANDLE) return;
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
