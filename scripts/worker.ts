// `npm run worker`: a process that runs syncs (pg-boss jobs on the PostgreSQL app database) and
// serves nothing but GET /healthz on PORT (3001 unless set). Any number may run on any machines.
import { createServer } from "node:http";

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

let stopping = false;
const server = createServer((request, response) => {
  if (request.method !== "GET" || request.url !== "/healthz") {
    response.writeHead(404).end();
    return;
  }
  response.writeHead(stopping ? 503 : 200, { "content-type": "application/json" });
  response.end(JSON.stringify({ status: stopping ? "stopping" : "ok", worker: runner.workerId, runs: runner.runningHere }));
});
server.listen(PORT, () => console.log(`[tidewater] worker ${runner.workerId} is running syncs; health on http://localhost:${PORT}/healthz`));

for (const signal of ["SIGTERM", "SIGINT"] as const) {
  // `on`, not `once`: a second SIGTERM (the whole process group signalled, or npm/tsx passing theirs
  // on) would otherwise kill the process in the middle of its drain.
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log(`[tidewater] ${signal}: finishing running batches, then stopping`);
    void runner
      .shutDown()
      .catch((error) => console.error("[tidewater] shutdown:", error))
      .finally(() => {
        server.close(() => process.exit(0));
        server.closeAllConnections();
      });
  });
}
