import { execFile, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { promisify } from "node:util";
import { TEST_DATABASE, TEST_PASSWORD, TEST_USER, freePort, tempDirFor, type StartedServer } from "./postgres";

const run = promisify(execFile);
const MARIADBD = "/usr/sbin/mariadbd";

/** Also the server's socket, where root logs in without a password (for test setup only). */
export type StartedMariadb = StartedServer & { socket: string };

export async function startMariadb(): Promise<StartedMariadb> {
  if (!existsSync(MARIADBD)) throw new Error(`${MARIADBD} missing; run scripts/ensure-system-deps.sh`);
  const dir = await tempDirFor("mysql", "tidewater-mariadb-");
  // mariadbd drops to --user itself when started as root; as non-root it runs as whoever we are.
  const user = process.getuid?.() === 0 ? ["--user=mysql"] : [];
  let stopServer = async () => {};
  try {
    await run("mariadb-install-db", [
      "--no-defaults", ...user, `--datadir=${join(dir, "data")}`,
      "--auth-root-authentication-method=normal", "--skip-test-db", "--skip-name-resolve",
    ]);
    const { port, stop } = await startOnFreePort(dir, user);
    stopServer = stop;
    await mariadbClient(join(dir, "mysqld.sock"), [
      `create database ${TEST_DATABASE}`,
      ...["127.0.0.1", "localhost"].flatMap((host) => [
        `create user '${TEST_USER}'@'${host}' identified by '${TEST_PASSWORD}'`,
        `grant all on ${TEST_DATABASE}.* to '${TEST_USER}'@'${host}'`,
      ]),
    ]);
    return {
      url: `mysql://${TEST_USER}:${TEST_PASSWORD}@127.0.0.1:${port}/${TEST_DATABASE}`,
      port,
      socket: join(dir, "mysqld.sock"),
      async stop() {
        await stop();
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await stopServer();
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

async function startOnFreePort(dir: string, user: string[]): Promise<{ port: number; stop(): Promise<void> }> {
  const socket = join(dir, "mysqld.sock");
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const child = spawn(MARIADBD, [
      "--no-defaults", ...user, `--datadir=${join(dir, "data")}`, `--port=${port}`, "--bind-address=127.0.0.1",
      `--socket=${socket}`, `--pid-file=${join(dir, "mysqld.pid")}`, `--log-error=${join(dir, "error.log")}`,
      // Throwaway data: durability and a big buffer pool only cost time and memory.
      "--skip-name-resolve", "--skip-log-bin", "--innodb-flush-log-at-trx-commit=0", "--innodb-buffer-pool-size=16M",
    ], { stdio: "ignore" });
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    let dead = false;
    void exited.then(() => (dead = true));
    const stop = async () => {
      // Like pg_ctl -m immediate: nothing in a test database is worth a clean shutdown.
      if (!dead) child.kill("SIGKILL");
      await exited;
    };

    // The socket file appears once the server accepts connections.
    for (const deadline = Date.now() + 30_000; !dead && !existsSync(socket) && Date.now() < deadline; ) await sleep(25);
    if (existsSync(socket) && !dead) return { port, stop };
    await stop();
    if (attempt >= 3) {
      const log = await readFile(join(dir, "error.log"), "utf8").catch(() => "");
      throw new Error(`mariadbd did not start on port ${port}:\n${log.slice(-2000)}`);
    }
  }
}

async function mariadbClient(socket: string, statements: string[]): Promise<void> {
  try {
    await run("mariadb", ["--no-defaults", `--socket=${socket}`, "-u", "root", "-e", statements.join(";\n")]);
  } catch (error) {
    const e = error as Error & { stderr?: string };
    throw new Error(`mariadb setup failed: ${e.stderr || e.message}`);
  }
}
