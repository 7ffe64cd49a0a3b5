// The server's one logger: JSON lines (pretty in a terminal), secrets redacted by path, and the
// request id or run id of whatever is going on added to every line (AsyncLocalStorage).
import { AsyncLocalStorage } from "node:async_hooks";
import pino, { type DestinationStream, type Logger } from "pino";
import pretty from "pino-pretty";

export type LogContext = { requestId?: string; runId?: string; syncId?: string };

const SECRET_KEYS = ["password", "writeKey", "apiKey", "token", "secret", "signingSecret", "privateKey", "privateKeyPassphrase", "credentialsJson", "sshTunnel", "authorization", "cookie", "headers"];
/** Secrets at the top of a logged object and up to two levels down (config.password, err.config.password). */
export const REDACT_PATHS = SECRET_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]);

// Next.js may load this module in more than one bundle: one logger and one context per process.
const holder = globalThis as unknown as { tidewaterLog?: Logger; tidewaterLogContext?: AsyncLocalStorage<LogContext> };
const contexts = (holder.tidewaterLogContext ??= new AsyncLocalStorage<LogContext>());

export function createLogger(destination: DestinationStream = process.stdout.isTTY ? pretty({ colorize: true }) : pino.destination(1)): Logger {
  return pino(
    {
      base: undefined,
      level: process.env.TIDEWATER_LOG_LEVEL || "info",
      redact: { paths: REDACT_PATHS, censor: "[redacted]" },
      mixin: () => ({ ...contexts.getStore() }),
    },
    destination,
  );
}

export function log(): Logger {
  holder.tidewaterLog ??= createLogger();
  return holder.tidewaterLog;
}

/** Tests: lines go to `destination` from now on. */
export function useLogDestination(destination: DestinationStream) {
  holder.tidewaterLog = createLogger(destination);
}

/** Every line logged while `work` runs (and in what it starts) carries `context`. */
export function withLogContext<T>(context: LogContext, work: () => T): T {
  return contexts.run({ ...contexts.getStore(), ...context }, work);
}
