// OpenSSH's sshd on a loopback port with its own config, throwaway host key and authorized_keys, so
// tunnel tests run against the real server (Debian's openssh-server) without touching the system's.
import { execFile, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { connect } from "node:net";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { promisify } from "node:util";
import { freePort } from "./postgres";

const run = promisify(execFile);
const SSHD = "/usr/sbin/sshd";

export type StartedSshd = {
  port: number;
  /** The account the tunnel logs in as (whoever runs the tests). */
  user: string;
  /** The server's host key as `ssh-ed25519 AAAA…` and its `SHA256:…` fingerprint. */
  hostKey: string;
  hostKeyFingerprint: string;
  setAuthorizedKeys(publicKeys: string[]): Promise<void>;
  /** sshd's log (LogLevel DEBUG2), which names every direct-tcpip forward it opens. */
  log(): Promise<string>;
  stop(): Promise<void>;
};

export async function startSshd(authorizedKeys: string[] = []): Promise<StartedSshd> {
  if (!existsSync(SSHD)) throw new Error(`${SSHD} missing; apt-get install openssh-server`);
  // Privilege separation wants this directory to exist (the package creates it only at boot).
  if (process.getuid?.() === 0) await mkdir("/run/sshd", { recursive: true, mode: 0o755 });
  const dir = await mkdtemp(join(tmpdir(), "tidewater-sshd-"));
  const hostKeyFile = join(dir, "host_ed25519");
  const authorizedKeysFile = join(dir, "authorized_keys");
  const logFile = join(dir, "sshd.log");
  await run("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "tidewater-test-host", "-f", hostKeyFile]);
  const [algorithm, key] = (await readFile(`${hostKeyFile}.pub`, "utf8")).trim().split(/\s+/);
  const { stdout: fingerprintLine } = await run("ssh-keygen", ["-l", "-E", "sha256", "-f", `${hostKeyFile}.pub`]);
  const setAuthorizedKeys = (keys: string[]) => writeFile(authorizedKeysFile, keys.map((k) => `${k.trim()}\n`).join(""), { mode: 0o600 });
  await setAuthorizedKeys(authorizedKeys);

  let stop = async () => {};
  try {
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      const config = join(dir, "sshd_config");
      await writeFile(
        config,
        [
          `Port ${port}`,
          "ListenAddress 127.0.0.1",
          `HostKey ${hostKeyFile}`,
          `AuthorizedKeysFile ${authorizedKeysFile}`,
          `PidFile ${join(dir, "sshd.pid")}`,
          "PasswordAuthentication no",
          "KbdInteractiveAuthentication no",
          "PubkeyAuthentication yes",
          "PermitRootLogin prohibit-password",
          "AllowTcpForwarding yes",
          "StrictModes no",
          "UsePAM no",
          "LogLevel DEBUG2",
          "",
        ].join("\n"),
      );
      // -D: stay in the foreground, so the child is sshd itself and killing it ends the server.
      const child = spawn(SSHD, ["-D", "-f", config, "-E", logFile], { stdio: "ignore" });
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      let dead = false;
      void exited.then(() => (dead = true));
      stop = async () => {
        if (!dead) child.kill("SIGTERM");
        await exited;
      };
      for (const deadline = Date.now() + 10_000; !dead && Date.now() < deadline; await sleep(25)) {
        if (await accepts(port)) {
          return {
            port,
            user: userInfo().username,
            hostKey: `${algorithm} ${key}`,
            hostKeyFingerprint: fingerprintLine.split(/\s+/)[1],
            setAuthorizedKeys,
            log: () => readFile(logFile, "utf8").catch(() => ""),
            async stop() {
              await stop();
              await rm(dir, { recursive: true, force: true });
            },
          };
        }
      }
      await stop();
      if (attempt >= 3) throw new Error(`sshd did not start on port ${port}:\n${(await readFile(logFile, "utf8").catch(() => "")).slice(-2000)}`);
    }
  } catch (error) {
    await stop();
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}
