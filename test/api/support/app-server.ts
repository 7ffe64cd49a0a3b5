// Serves the production build for the API tests, as scripts/e2e-server.sh does for the browser
// tests: a throwaway data dir, migrated and seeded, `next start` on a free port, TIDEWATER_API_TOKEN
// set, loopback destinations allowed and the scheduler off (only the test's calls start runs).
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { freePort } from "../../support/postgres";

const run = promisify(execFile);

export type AppServer = {
  url: string;
  token: string;
  dataDir: string;
  logs(): string;
  /** The first-admin setup link instrumentation printed at start, if it did. */
  setupLink(): string | undefined;
  /** Stops the server; its data dir goes too unless kept (to start again on the same database). */
  stop(options?: { keepData?: boolean }): Promise<void>;
};

type StartOptions = {
  /** Another start on the data dir of an earlier one (stopped with keepData). */
  dataDir?: string;
  /** The bootstrap token's value (a fresh one by default). */
  token?: string;
  /** More environment for the app (TIDEWATER_ADMIN_EMAIL, …). */
  env?: Record<string, string>;
};

/** Where the app is; TIDEWATER_TEST_APP_DIR points the suite at another checkout's build. */
export const APP_DIR = process.env.TIDEWATER_TEST_APP_DIR ?? path.resolve(import.meta.dirname, "../../..");

const SOURCE_DIRS = ["app", "lib", "components", "instrumentation.ts", "next.config.js", "package-lock.json"];

/**
 * `npm test` runs vitest before it builds for Playwright, so the suite builds when there is no build
 * or it is older than the sources (a stale build would test yesterday's code).
 */
export async function ensureBuild(): Promise<void> {
  if (buildIsFresh()) return;
  // Test files run in parallel processes, and two `next build`s in one directory fail: one builds, the others wait.
  const release = await takeBuildLock();
  try {
    if (!buildIsFresh()) await build();
  } finally {
    release();
  }
}

function buildIsFresh(): boolean {
  const buildId = path.join(APP_DIR, ".next/BUILD_ID");
  return existsSync(buildId) && statSync(buildId).mtimeMs >= newestSourceChange();
}

/** mkdir is atomic across processes; a lock older than a build can take is a crashed holder's. */
async function takeBuildLock(): Promise<() => void> {
  const lock = path.join(APP_DIR, ".next-build.lock");
  for (;;) {
    try {
      mkdirSync(lock);
      return () => rmSync(lock, { recursive: true, force: true });
    } catch {
      const stat = statSync(lock, { throwIfNoEntry: false });
      if (stat && Date.now() - stat.mtimeMs > 15 * 60_000) rmSync(lock, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

async function build(): Promise<void> {
  console.log("[test/api] building the app (no build, or one older than the sources)…");
  try {
    await run(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
      cwd: APP_DIR,
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
    throw new Error(`next build failed, so the API cannot be tested:\n${(stdout + stderr).slice(-4_000)}`);
  }
}

function newestSourceChange(): number {
  let newest = 0;
  const visit = (file: string) => {
    const stat = statSync(file, { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.isDirectory()) {
      if (path.basename(file) === "generated") return;
      for (const entry of readdirSync(file)) visit(path.join(file, entry));
    } else if (!/\.test\.tsx?$/.test(file)) {
      newest = Math.max(newest, stat.mtimeMs);
    }
  };
  for (const entry of SOURCE_DIRS) visit(path.join(APP_DIR, entry));
  return newest;
}

export async function startAppServer(options: StartOptions = {}): Promise<AppServer> {
  await ensureBuild();
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(tmpdir(), "tidewater-api-")));
  const token = options.token ?? `tw_test_${Math.random().toString(36).slice(2)}_bootstrap`;
  const port = await freePort();
  const { DATABASE_URL: _unused, TIDEWATER_SECRET_KEY: _key, ...inherited } = process.env;
  const env = {
    ...inherited,
    NODE_ENV: "production" as const,
    NEXT_TELEMETRY_DISABLED: "1",
    TIDEWATER_DATA_DIR: dataDir,
    TIDEWATER_API_TOKEN: token,
    TIDEWATER_ALLOW_PRIVATE_DESTINATIONS: "1",
    TIDEWATER_SCHEDULER: "off",
    NEXTAUTH_URL: `http://127.0.0.1:${port}`,
    ...options.env,
  };
  const tsx = path.join(APP_DIR, "node_modules/.bin/tsx");
  await run(tsx, ["scripts/migrate.ts"], { cwd: APP_DIR, env });
  await run(tsx, ["scripts/seed.ts"], { cwd: APP_DIR, env });

  let output = "";
  const child: ChildProcess = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: APP_DIR,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const stop = async ({ keepData = false } = {}) => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
      if (child.exitCode === null) child.kill("SIGKILL");
    }
    if (!keepData) await rm(dataDir, { recursive: true, force: true });
  };

  // Ready once the bootstrap token is accepted: instrumentation has run and the routes answer.
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}:\n${output}`);
    const status = await fetch(`${url}/api/v1/sources`, { headers: { authorization: `Bearer ${token}` } }).then(
      (response) => response.status,
      () => 0,
    );
    if (status === 200) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the app did not answer in time (last status ${status}):\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const setupLink = () => /Open (\S+\/setup\?code=\S+)/.exec(output)?.[1];
  return { url, token, dataDir, logs: () => output, setupLink, stop };
}
