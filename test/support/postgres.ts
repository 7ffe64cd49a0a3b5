import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { appendFile, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import pg from "pg";

const run = promisify(execFile);

export type StartedServer = { url: string; port: number; stop(): Promise<void> };
/** `adminUrl`: a superuser's URL (to the postgres database), for tests that create databases of their own. */
/** `halt` / `resume`: stop the server and start it again on the same port and data (not on a shared TEST_POSTGRES_URL). */
export type StartedPostgres = StartedServer & { adminUrl: string; halt(): Promise<void>; resume(): Promise<void> };

const SUPERUSER_PASSWORD = "postgres-pass";

export const TEST_USER = "tidewater";
export const TEST_PASSWORD = "tidewater-pass";
export const TEST_DATABASE = "app";

/** A port that was free a moment ago; the caller retries if another process grabs it first. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === "string") throw new Error("no TCP address");
  return address.port;
}

/** Runs a server binary as `user` when we are root, because initdb/mariadbd refuse to run as root. */
export async function runAs(user: string, file: string, args: string[]): Promise<string> {
  const [cmd, argv] = process.getuid?.() === 0 ? ["runuser", ["-u", user, "--", file, ...args]] : [file, args];
  try {
    const { stdout } = await run(cmd, argv, { maxBuffer: 16 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const e = error as Error & { stderr?: string; stdout?: string };
    throw new Error(`${file} ${args.join(" ")} failed: ${e.stderr || e.stdout || e.message}`);
  }
}

/** Makes a fresh temp dir owned by `user` when we are root. */
export async function tempDirFor(user: string, prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  if (process.getuid?.() === 0) await run("chown", [`${user}:`, dir]);
  return dir;
}

async function postgresBin(): Promise<string> {
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root) ? (await readdir(root)).filter((v) => existsSync(join(root, v, "bin/initdb"))) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (!newest) throw new Error(`no initdb under ${root}/*/bin; run scripts/ensure-system-deps.sh`);
  return join(root, newest, "bin");
}

/**
 * `maxConnections`: PostgreSQL's default of 100 is too few for several app processes at once.
 * `sharedBuffers`: its default of 128MB is sized for the smallest machines; a server holding a
 * snapshot of millions of ids is given more, as the README's sizing advice says.
 */
export async function startPostgres(options: { maxConnections?: number; sharedBuffers?: string } = {}): Promise<StartedPostgres> {
  const shared = process.env.TEST_POSTGRES_URL;
  if (shared) {
    const cannot = async () => {
      throw new Error("a shared TEST_POSTGRES_URL cannot be halted");
    };
    return { url: shared, port: Number(new URL(shared).port || 5432), adminUrl: shared, stop: async () => {}, halt: cannot, resume: cannot };
  }

  const bin = await postgresBin();
  const dir = await tempDirFor("postgres", "tidewater-pg-");
  const data = join(dir, "data");
  try {
    const pwfile = join(dir, "superuser-password");
    await writeFile(pwfile, `${SUPERUSER_PASSWORD}\n`, { mode: 0o644 });
    // Socket stays trust for setup; TCP needs a real scram password so a wrong one fails.
    await runAs("postgres", join(bin, "initdb"), [
      "-D", data, "-U", "postgres", `--pwfile=${pwfile}`,
      "--auth-local=trust", "--auth-host=scram-sha-256",
      "--encoding=UTF8", "--locale=C", "--no-sync", "--no-instructions",
    ]);
    await appendFile(
      join(data, "postgresql.conf"),
      [
        "listen_addresses = '127.0.0.1'",
        `unix_socket_directories = '${dir}'`,
        // Throwaway data: durability only costs time.
        "fsync = off", "synchronous_commit = off", "full_page_writes = off",
        ...(options.maxConnections ? [`max_connections = ${options.maxConnections}`] : []),
        ...(options.sharedBuffers ? [`shared_buffers = '${options.sharedBuffers}'`] : []),
        "",
      ].join("\n"),
    );

    const port = await startOnFreePort(bin, data, join(dir, "server.log"));
    await createAppRole(dir, port);
    return {
      url: `postgresql://${TEST_USER}:${TEST_PASSWORD}@127.0.0.1:${port}/${TEST_DATABASE}`,
      port,
      adminUrl: `postgresql://postgres:${SUPERUSER_PASSWORD}@127.0.0.1:${port}/postgres`,
      async stop() {
        await runAs("postgres", join(bin, "pg_ctl"), ["stop", "-D", data, "-m", "immediate", "-w"]).catch(() => {});
        await rm(dir, { recursive: true, force: true });
      },
      async halt() {
        await runAs("postgres", join(bin, "pg_ctl"), ["stop", "-D", data, "-m", "immediate", "-w"]);
      },
      async resume() {
        await runAs("postgres", join(bin, "pg_ctl"), ["start", "-D", data, "-l", join(dir, "server.log"), "-w", "-t", "30", "-o", `-p ${port}`]);
      },
    };
  } catch (error) {
    await runAs("postgres", join(bin, "pg_ctl"), ["stop", "-D", data, "-m", "immediate"]).catch(() => {});
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

async function startOnFreePort(bin: string, data: string, log: string): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    try {
      await runAs("postgres", join(bin, "pg_ctl"), ["start", "-D", data, "-l", log, "-w", "-t", "30", "-o", `-p ${port}`]);
      return port;
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
}

async function createAppRole(socketDir: string, port: number): Promise<void> {
  const client = new pg.Client({ host: socketDir, port, user: "postgres", database: "postgres" });
  await client.connect();
  try {
    await client.query(`create role ${TEST_USER} login password '${TEST_PASSWORD}'`);
    await client.query(`create database ${TEST_DATABASE} owner ${TEST_USER}`);
  } finally {
    await client.end();
  }
}
