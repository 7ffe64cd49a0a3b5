// Next.js calls register() once when the server starts: the in-process scheduler starts with it.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env } = await import("./lib/env");
  if (env().TIDEWATER_SCHEDULER === "off") return;
  const { startScheduler } = await import("./lib/sync/scheduler");
  await startScheduler();
}
