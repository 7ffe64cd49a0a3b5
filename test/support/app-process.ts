// A Tidewater process (web or worker) for the tests and the bench, in its own process group, so a
// stop (or kill -9) takes its children with it (tsx runs the script in a child node process); its
// output is kept to show when something fails.
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { APP_DIR } from "../api/support/app-server";

const run = promisify(execFile);

export type AppProcess = {
  name: string;
  port: number;
  /** The process group's leader; the app's own process may be its child (tsx runs the script in one). */
  pid: number;
  logs(): string;
  /** Resolves with the exit code (null when killed by a signal) once the whole group is gone. */
  exited: Promise<number | null>;
  /** The pids in this process's group. */
  pids(): Promise<number[]>;
  /** SIGTERM to the leader (as `kill <pid>` would; tsx passes it on), then SIGKILL to the group after `graceMs`; resolves with the exit code. */
  stop(graceMs?: number): Promise<number | null>;
  /** kill -9 of every process in the group. */
  kill9(): void;
  /** SIGTERM to every process in the group at once, as systemd's default KillMode=control-group does. */
  terminateGroup(): void;
};

// Groups still running, killed if the test process exits.
const live = new Set<number>();
process.once("exit", () => {
  for (const pid of live) {
    try {
      process.kill(-pid, "SIGKILL");
    } catch {}
  }
});

export function spawnAppProcess(name: string, port: number, args: string[], env: Record<string, string>): AppProcess {
  const dataDir = mkdtempSync(path.join(tmpdir(), `tidewater-${name}-`));
  // The test runner's own variables stay out: each process sees what a deployment would set.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(VITEST|TIDEWATER_|DATABASE_URL$|NODE_ENV$|PORT$)/.test(key)));
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: APP_DIR,
    env: { ...inherited, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", TIDEWATER_DATA_DIR: dataDir, ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const pid = child.pid!;
  live.add(pid);
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", async (code) => {
      // The leader is gone; what is left of its group (tsx's child) goes with it.
      await waitForGroupToEnd(pid, 10_000);
      live.delete(pid);
      rmSync(dataDir, { recursive: true, force: true });
      resolve(code);
    }),
  );
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-pid, signal);
    } catch {}
  };
  return {
    name,
    port,
    pid,
    logs: () => output,
    exited,
    pids: () => groupPids(pid),
    async stop(graceMs = 10_000) {
      if (!live.has(pid)) return exited;
      try {
        process.kill(pid, "SIGTERM");
      } catch {}
      const timer = setTimeout(() => signalGroup("SIGKILL"), graceMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
    kill9: () => signalGroup("SIGKILL"),
    terminateGroup: () => signalGroup("SIGTERM"),
  };
}

async function groupPids(pgid: number): Promise<number[]> {
  const { stdout } = await run("ps", ["-e", "-o", "pid=,pgid="]);
  return stdout
    .trim()
    .split("\n")
    .map((line) => line.trim().split(/\s+/).map(Number))
    .filter(([, group]) => group === pgid)
    .map(([pid]) => pid);
}

async function waitForGroupToEnd(pgid: number, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while ((await groupPids(pgid)).length > 0) {
    if (Date.now() > deadline) {
      try {
        process.kill(-pgid, "SIGKILL");
      } catch {}
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
