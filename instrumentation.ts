// Next.js calls register() once when the server starts: the headless API token, the first admin (or
// the setup link on the console), the job runner for this process's role and its graceful shutdown.
// The condition is a constant in each build, so the Edge build leaves lib/server-start out.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startServer } = await import("./lib/server-start");
    await startServer();
  }
}
