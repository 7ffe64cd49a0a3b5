// A distributed Tidewater install of real processes for the cluster tests and the bench: a fresh
// PostgreSQL app database (migrated by the app's runner), one web process (the production build,
// TIDEWATER_ROLE=web) and N workers (`npm run worker`'s compiled process), each on its own port and
// data dir, with its output kept to show when something fails. A second database on the same server is the sync source.
import { rmSync } from "node:fs";
import { hostname } from "node:os";
import path from "node:path";
import pg from "pg";
import { APP_DIR, ensureBuild } from "../api/support/app-server";
import { spawnAppProcess, type AppProcess } from "./app-process";
import { freePort, startPostgres, type StartedPostgres } from "./postgres";

export const SECRET_KEY = "5a".repeat(32);

let workerBuild: Promise<string> | undefined;

/**
 * The worker as `npm run build` compiles it (scripts/build-worker.mjs), built from the tree as it is
 * now, once per test process, into a directory of its own so test files in parallel do not collide.
 */
function compiledWorker(): Promise<string> {
  const outdir = path.join(APP_DIR, ".worker", `test-${process.pid}`);
  workerBuild ??= import("../../scripts/build-worker.mjs").then(({ buildWorker }) => {
    process.once("exit", () => rmSync(outdir, { recursive: true, force: true }));
    return buildWorker(outdir);
  });
  return workerBuild;
}

export type ApiReply = { status: number; body: any; text: string };

export type Cluster = {
  web: AppProcess & { url: string };
  workers: AppProcess[];
  token: string;
  appUrl: string;
  /** The app database, for reading what the API does not show (workerId, heartbeatAt). */
  appDb: pg.Pool;
  /** The source database: tables the syncs read. */
  sourceDb: pg.Pool;
  /** The Tidewater source and database (POST /api/v1/sources…) pointing at sourceDb. */
  sourceId: string;
  databaseId: string;
  api(method: string, route: string, body?: unknown): Promise<ApiReply>;
  startWorker(env?: Record<string, string>): Promise<AppProcess>;
  /** The worker whose group holds the process named by a run's workerId ("<hostname>:<pid>[:<tag>]"). */
  workerById(workerId: string): Promise<AppProcess | undefined>;
  /** Every process's output, for a failure message. */
  logs(): string;
  stop(): Promise<void>;
};

export type ClusterOptions = {
  workers: number;
  /** More environment for every worker (TIDEWATER_WORKER_CONCURRENCY, …). */
  workerEnv?: Record<string, string>;
  /** A PostgreSQL server to use (a fresh one by default, stopped with the cluster). */
  postgres?: StartedPostgres;
  /** The source database's URL (by default a fresh database on the same server). */
  sourceUrl?: string;
};


export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const ownServer = !options.postgres;
  const server = options.postgres ?? (await startPostgres({ maxConnections: 400 }));
  const suffix = `${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const appUrl = await createDatabase(server, `cluster_app_${suffix}`);
  const sourceUrl = options.sourceUrl ?? (await createDatabase(server, `cluster_source_${suffix}`));
  const { migrate } = await import("../../lib/migrate");
  await Promise.all([migrate(appUrl, path.join(APP_DIR, "prisma", "migrations")), ensureBuild()]);

  const token = `tw_cluster_${Math.random().toString(36).slice(2)}_token`;
  const processes: AppProcess[] = [];
  const appDb = new pg.Pool({ connectionString: appUrl, max: 4 });
  const sourceDb = new pg.Pool({ connectionString: sourceUrl, max: 4 });
  const common = { DATABASE_URL: appUrl, TIDEWATER_SECRET_KEY: SECRET_KEY, TIDEWATER_ALLOW_PRIVATE_DESTINATIONS: "1" };
  let workerCount = 0;

  const cluster: Cluster = {
    web: undefined as never,
    workers: [],
    token,
    appUrl,
    appDb,
    sourceDb,
    sourceId: "",
    databaseId: "",
    async api(method, route, body) {
      const response = await fetch(`${cluster.web.url}/api/v1${route}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, text, body: response.headers.get("content-type")?.includes("json") ? JSON.parse(text) : undefined };
    },
    async startWorker(env = {}) {
      const port = await freePort();
      const worker = spawnAppProcess(`worker-${++workerCount}`, port, [await compiledWorker()], {
        ...common,
        PORT: String(port),
        ...options.workerEnv,
        ...env,
      });
      processes.push(worker);
      cluster.workers.push(worker);
      await waitUntil(worker, `http://127.0.0.1:${port}/healthz`, async (response) => response.status === 200 && (await response.json()).status === "ok");
      return worker;
    },
    async workerById(workerId) {
      const pid = Number(/:(\d+)(?::[0-9a-f]+)?$/.exec(workerId)?.[1]);
      for (const worker of cluster.workers) if ((await worker.pids()).includes(pid)) return worker;
      return undefined;
    },
    logs: () => processes.map((p) => `----- ${p.name} (port ${p.port}) -----\n${p.logs().slice(-6_000)}`).join("\n"),
    async stop() {
      await Promise.all(processes.map((p) => p.stop(5_000)));
      await Promise.all([appDb.end(), sourceDb.end()]);
      if (ownServer) await server.stop();
    },
  };

  try {
    const webPort = await freePort();
    const web = spawnAppProcess("web", webPort, ["node_modules/next/dist/bin/next", "start", "-p", String(webPort), "-H", "127.0.0.1"], {
      ...common,
      TIDEWATER_ROLE: "web",
      TIDEWATER_API_TOKEN: token,
      NEXTAUTH_URL: `http://127.0.0.1:${webPort}`,
    });
    processes.push(web);
    cluster.web = Object.assign(web, { url: `http://127.0.0.1:${webPort}` });
    // Ready once the token is accepted: instrumentation has run and the routes answer.
    const ready = waitUntil(web, `${cluster.web.url}/api/v1/sources`, async (response) => response.status === 200, { authorization: `Bearer ${token}` });
    await Promise.all([ready, ...Array.from({ length: options.workers }, () => cluster.startWorker())]);

    const source = await cluster.api("POST", "/sources", { name: "Cluster source", kind: "postgres" });
    if (source.status !== 201) throw new Error(`POST /sources: ${source.status} ${source.text}`);
    cluster.sourceId = source.body.id;
    const url = new URL(sourceUrl);
    const config = { host: url.hostname, port: Number(url.port), database: url.pathname.slice(1), user: url.username, password: url.password, sslMode: "disable" };
    const database = await cluster.api("POST", `/sources/${cluster.sourceId}/databases`, { name: "source", config });
    if (database.status !== 201) throw new Error(`POST /sources/{id}/databases: ${database.status} ${database.text}`);
    cluster.databaseId = database.body.id;
    return cluster;
  } catch (error) {
    const logs = cluster.logs();
    await cluster.stop().catch(() => {});
    throw new Error(`${(error as Error).message}\n${logs}`);
  }
}

/** A fresh database owned by the app's user, on the same server; returns its URL. */
async function createDatabase(server: StartedPostgres, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: server.adminUrl });
  await admin.connect();
  try {
    const owner = decodeURIComponent(new URL(server.url).username);
    await admin.query(`CREATE DATABASE ${name} OWNER "${owner}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(server.url);
  url.pathname = `/${name}`;
  return url.toString();
}

async function waitUntil(p: AppProcess, url: string, ok: (response: Response) => Promise<boolean>, headers: Record<string, string> = {}) {
  const deadline = Date.now() + 90_000;
  let exitCode: number | null | undefined;
  void p.exited.then((code) => (exitCode = code));
  for (;;) {
    if (exitCode !== undefined) throw new Error(`${p.name} exited with ${exitCode} before it was ready`);
    const ready = await fetch(url, { headers }).then(ok, () => false);
    if (ready) return;
    if (Date.now() > deadline) throw new Error(`${p.name} was not ready after 90 s (${url})`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** This machine's name as a worker puts it in workerId. */
export const HOSTNAME = hostname();
