// `npm run worker`: a process that runs syncs (pg-boss jobs on the PostgreSQL app database) and
// serves nothing but GET /healthz, /readyz and /metrics on PORT (3001 unless set). Any number may
// run on any machines.
import { createServer, type IncomingMessage } from "node:http";
import { limitHeapGrowth } from "../lib/engine/heap-growth";

limitHeapGrowth();
process.env.TIDEWATER_ROLE ||= "worker";
if (!process.env.PORT) process.env.PORT = "3001";
const { env, isDistributed } = await import("../lib/env");
const { TIDEWATER_ROLE, PORT, DATABASE_URL, TIDEWATER_SCHEDULER } = env();
if (TIDEWATER_ROLE !== "worker" || !isDistributed()) {
  console.error("A worker needs TIDEWATER_ROLE=worker (or unset) and DATABASE_URL set to the postgresql:// app database the web processes use.");
  process.exit(1);
}
const { migrate } = await import("../lib/migrate");
await migrate(DATABASE_URL);
const { jobRunner } = await import("../lib/jobs/job-runner");
const { DistributedRunner } = await import("../lib/jobs/distributed/distributed-runner");
const runner = (await jobRunner()) as InstanceType<typeof DistributedRunner>;
await runner.start("worker", { schedule: TIDEWATER_SCHEDULER !== "off" });
const { log } = await import("../lib/observability/log");
const { isReady, statusResponse } = await import("../lib/observability/readiness");
const { metricsResponse } = await import("../lib/observability/metrics-response");

let stopping = false;
const routes: Record<string, (request: IncomingMessage) => Promise<Response>> = {
  "/healthz": async () => statusResponse(!stopping, stopping ? "stopping" : "ok"),
  "/readyz": async () => statusResponse(!stopping && (await isReady())),
  "/metrics": async (request) => metricsResponse(request.headers.authorization),
};
const server = createServer(async (request, response) => {
  const route = request.method === "GET" ? routes[new URL(request.url ?? "/", "http://worker").pathname] : undefined;
  if (!route) {
    response.writeHead(404).end();
    return;
  }
  try {
    const answer = await route(request);
    response.writeHead(answer.status, Object.fromEntries(answer.headers));
    response.end(await answer.text());
  } catch (error) {
    log().error({ err: error }, "[tidewater] health endpoint failed");
    response.writeHead(500).end();
  }
});
server.listen(PORT, () => log().info(`[tidewater] worker ${runner.workerId} is running syncs; health on http://localhost:${PORT}/healthz`));

for (const signal of ["SIGTERM", "SIGINT"] as const) {
  // `on`, not `once`: a second SIGTERM (the whole process group signalled, or npm/tsx passing theirs
  // on) would otherwise kill the process in the middle of its drain.
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    log().info(`[tidewater] ${signal}: finishing running batches, then stopping`);
    void runner
      .shutDown()
      .catch((error) => log().error({ err: error }, "[tidewater] shutdown:"))
      .finally(() => {
        server.close(() => process.exit(0));
        server.closeAllConnections();
      });
  });
}
