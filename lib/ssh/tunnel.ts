// A local port forwarded through an SSH server to a database host, opened per run and closed after.
import { createServer, type AddressInfo, type Server, type Socket } from "node:net";
import ssh2 from "ssh2";
import type { TSshTunnel } from "./config";
import { describeHostKey, hostKeyMatches, type HostKey } from "./host-key";

export class SshTunnelError extends Error {
  constructor(
    message: string,
    /** The host key the server presented, when it got that far (so a first connect can still pin it). */
    readonly hostKey?: HostKey,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "SshTunnelError";
  }
}

export type OpenTunnel = {
  /** Connect the database driver to 127.0.0.1 on this port. */
  localPort: number;
  hostKey: HostKey;
  /** Index into `privateKeys` of the key the server accepted. */
  keyIndex: number;
  /** Why the SSH server could not reach the database, if a forward failed. */
  lastForwardError(): string | undefined;
  close(): Promise<void>;
};

const CONNECT_TIMEOUT_MS = 15_000;

/**
 * Connects to the SSH server (refusing a host key other than the pinned one), authenticates with
 * the first of `privateKeys` the server accepts, and forwards a fresh loopback port to `target`.
 */
export async function openSshTunnel(
  config: TSshTunnel,
  target: { host: string; port: number },
  options: { timeoutMs?: number } = {},
): Promise<OpenTunnel> {
  const keys = config.privateKeys.map((key) => ssh2.utils.parseKey(key));
  if (keys.every((key) => key instanceof Error)) {
    throw new SshTunnelError("The SSH private key could not be read: generate a new key pair for this database.");
  }
  const where = `${config.host}:${config.port}`;
  const client = new ssh2.Client();
  let seen: HostKey | undefined;
  let changed = false;
  let offered = -1;

  const ready = new Promise<void>((resolve, reject) => {
    client.once("ready", () => resolve());
    client.once("error", (error: Error & { level?: string; code?: string }) => reject(error));
    client.once("close", () => reject(new Error("The SSH server closed the connection.")));
  });
  client.connect({
    host: config.host,
    port: config.port,
    username: config.user,
    readyTimeout: options.timeoutMs ?? CONNECT_TIMEOUT_MS,
    keepaliveInterval: 15_000,
    // ssh2 accepts any host key unless told otherwise: pin on first connect, refuse a change after.
    hostVerifier: (blob: Buffer) => {
      seen = describeHostKey(blob);
      changed = config.hostKey !== undefined && !hostKeyMatches(config.hostKey, seen);
      return !changed;
    },
    // Offer each usable key in turn; the one offered last when "ready" fires is the one that worked.
    authHandler: (_methodsLeft, _partial, next) => {
      offered = keys.findIndex((key, index) => index > offered && !(key instanceof Error));
      if (offered === -1) return next(false as never);
      next({ type: "publickey", username: config.user, key: config.privateKeys[offered] });
    },
  });

  try {
    await ready;
  } catch (error) {
    client.end();
    throw new SshTunnelError(describeSshError(error, config, where, seen, changed), seen, { cause: error });
  }
  if (!seen) {
    client.end();
    throw new SshTunnelError(`The SSH server at ${where} sent no host key.`);
  }

  let forwardError: string | undefined;
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
    socket.on("error", () => socket.destroy());
    client.forwardOut("127.0.0.1", socket.remotePort ?? 0, target.host, target.port, (error, stream) => {
      if (error) {
        forwardError = `The SSH server at ${where} could not connect to ${target.host}:${target.port} (${error.message}).`;
        socket.destroy();
        return;
      }
      stream.on("error", () => socket.destroy());
      socket.pipe(stream).pipe(socket);
      stream.once("close", () => socket.destroy());
    });
  });
  client.on("error", () => {
    // A dropped SSH connection ends every forwarded socket; the database driver reports that.
    for (const socket of sockets) socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });

  let closed: Promise<void> | undefined;
  return {
    localPort: (server.address() as AddressInfo).port,
    hostKey: seen,
    keyIndex: offered,
    lastForwardError: () => forwardError,
    close() {
      closed ??= new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
        client.end();
      });
      return closed;
    },
  };
}

function describeSshError(error: unknown, config: TSshTunnel, where: string, seen: HostKey | undefined, changed: boolean): string {
  const err = error as Error & { level?: string; code?: string };
  if (changed && seen) {
    return (
      `The SSH server at ${where} presented a different host key (${seen.fingerprint}) from the one pinned for this ` +
      `database, so Tidewater refused to connect. If the server was rebuilt or its key rotated on purpose, clear the ` +
      `pinned host key and test the connection again; otherwise someone may be intercepting the connection.`
    );
  }
  if (err.level === "client-authentication") {
    return (
      `The SSH server at ${where} refused the key for user "${config.user}". Add this database's public key to ` +
      `~${config.user}/.ssh/authorized_keys on the SSH host.`
    );
  }
  switch (err.code) {
    case "ECONNREFUSED":
      return `Could not connect to the SSH server at ${where}: the connection was refused. Check the SSH host and port.`;
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return `SSH host "${config.host}" not found. Check the host name.`;
    case "ETIMEDOUT":
    case "EHOSTUNREACH":
    case "ENETUNREACH":
      return `Could not reach the SSH server at ${where}. Check the host, port and any firewall or allowlist.`;
  }
  if (err.level === "client-timeout" || /Timed out/i.test(err.message ?? "")) {
    return `Could not reach the SSH server at ${where}: the connection timed out. Check the host, port and any firewall or allowlist.`;
  }
  return `The SSH tunnel through ${where} failed: ${err.message ?? String(error)}`;
}
