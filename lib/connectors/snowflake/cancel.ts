import type { RowStatement } from "snowflake-sdk";
import { ConnectorError } from "../types";

export const cancelledError = (cause?: unknown) => new ConnectorError("The query was cancelled.", cause === undefined ? undefined : { cause });

/**
 * A promise that rejects with the "cancelled" error once `signal` aborts, whatever the read is
 * waiting on then (login, a session setting, Snowflake's polling), so no abort goes unheard.
 */
export function abortion(signal: AbortSignal | undefined): { promise: Promise<never>; dispose(): void } {
  let dispose = () => {};
  const promise = new Promise<never>((_resolve, reject) => {
    if (!signal) return;
    const onAbort = () => reject(cancelledError());
    if (signal.aborted) return onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    dispose = () => signal.removeEventListener("abort", onAbort);
  });
  promise.catch(() => {}); // only ever awaited in a race
  return { promise, dispose: () => dispose() };
}

const RESEND_MS = 250;
const GIVE_UP_MS = 5_000;

/**
 * Cancels a submitted statement on Snowflake's side and waits (up to 5 s) until Snowflake reports
 * it ended. An abort request can be lost: sent by request id while the query request is still on
 * its way, Snowflake does not know the query yet and ignores it. So it is sent again, by query id
 * once the SDK has it, until the statement settles.
 */
export async function cancelStatement(statement: RowStatement, settled: Promise<unknown>): Promise<void> {
  let done = false;
  const ended = settled.then(
    () => (done = true),
    () => (done = true),
  );
  for (const deadline = Date.now() + GIVE_UP_MS; !done && Date.now() < deadline; ) {
    statement.cancel(() => {});
    await Promise.race([ended, new Promise((resolve) => setTimeout(resolve, RESEND_MS))]);
  }
}
