// `tidewater run SYNC_KEY [--wait] [--dry-run]`: start a run by the sync's key; --wait follows it
// (a progress bar on a terminal, plain lines otherwise) and fails when the run does, for CI and
// orchestrators; --dry-run reads the dry run's NDJSON stream and sends nothing.
import cliProgress from "cli-progress";
import { CliError, type TApi, type TConnection } from "./api-client";

type TRun = { id: string; status: string; rowsRead: number; rowsSucceeded: number; rowsFailed: number; rowsUnchanged: number; error?: string | null };
type TOutput = { out: NodeJS.WritableStream & { isTTY?: boolean }; err: NodeJS.WritableStream & { isTTY?: boolean } };

const ENDED_WELL = "succeeded";
const IN_PROGRESS = ["queued", "running"];

export async function syncIdByKey(api: TApi, key: string): Promise<string> {
  const { syncs } = await api.get<{ syncs: { id: string }[] }>(`/syncs?key=${encodeURIComponent(key)}`);
  if (!syncs.length) throw new CliError(`No sync has the key "${key}" on this instance (tidewater plan DIR shows what apply would create)`);
  return syncs[0].id;
}

export async function runSync(api: TApi, key: string, options: { wait: boolean; pollMs?: number }, io: TOutput): Promise<number> {
  const syncId = await syncIdByKey(api, key);
  const started = await api.send<{ id: string; status: string }>("POST", `/syncs/${syncId}/runs`);
  if (started.status === "skipped") {
    io.out.write(`Run ${started.id} of ${key} was skipped: a run of the sync is still going.\n`);
    return 1;
  }
  io.out.write(`Started run ${started.id} of ${key}.\n`);
  if (!options.wait) return 0;
  const run = await follow(api, started.id, options.pollMs ?? 1000, io);
  const counts = `${run.rowsRead} rows read, ${run.rowsSucceeded} sent, ${run.rowsFailed} failed${run.rowsUnchanged ? `, ${run.rowsUnchanged} unchanged` : ""}`;
  if (run.status === ENDED_WELL) {
    io.out.write(`Run ${run.id} succeeded: ${counts}.\n`);
    return 0;
  }
  io.err.write(`Run ${run.id} ${run.status}: ${counts}.${run.error ? `\n${run.error}` : ""}\n`);
  return 1;
}

async function follow(api: TApi, runId: string, pollMs: number, io: TOutput): Promise<TRun> {
  const bar = io.err.isTTY
    ? new cliProgress.SingleBar(
        { stream: io.err, format: "{bar} {value}/{total} rows delivered | {failed} failed | {status}", hideCursor: true, clearOnComplete: false },
        cliProgress.Presets.shades_classic,
      )
    : null;
  bar?.start(0, 0, { failed: 0, status: "queued" });
  let last = "";
  try {
    for (;;) {
      const run = await api.get<TRun>(`/runs/${runId}`);
      const done = run.rowsSucceeded + run.rowsFailed + run.rowsUnchanged;
      if (bar) {
        bar.setTotal(Math.max(run.rowsRead, done));
        bar.update(done, { failed: run.rowsFailed, status: run.status });
      } else {
        const line = `${run.status}: ${run.rowsRead} rows read, ${run.rowsSucceeded} sent, ${run.rowsFailed} failed`;
        if (line !== last) io.err.write(`${line}\n`);
        last = line;
      }
      if (!IN_PROGRESS.includes(run.status)) return run;
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  } finally {
    bar?.stop();
  }
}

type TDryRunLine = { type: string; [field: string]: unknown };

/** POST /syncs/{id}/dry-runs streams NDJSON: progress, sample calls, invalid rows, then a summary or an error. */
export async function dryRunSync(api: TApi, connection: TConnection, key: string, io: TOutput): Promise<number> {
  const syncId = await syncIdByKey(api, key);
  const response = await fetch(`${connection.url.replace(/\/+$/, "")}/api/v1/syncs/${syncId}/dry-runs`, {
    method: "POST",
    headers: { authorization: `Bearer ${connection.token}`, accept: "application/x-ndjson" },
  }).catch((error: Error) => {
    throw new CliError(`Could not reach Tidewater at ${connection.url}: ${(error.cause as { code?: string })?.code ?? error.message}`);
  });
  if (response.status === 404 || response.status === 405) {
    const body = await response.text();
    if (!body.includes("Sync not found")) throw new CliError("This instance has no dry runs (POST /api/v1/syncs/{id}/dry-runs): upgrade it, or run without --dry-run");
    throw new CliError(`No sync has the key "${key}"`);
  }
  if (!response.ok || !response.body) throw new CliError(`POST /syncs/${syncId}/dry-runs: HTTP ${response.status} ${(await response.text()).slice(0, 300)}`);
  io.out.write(`Dry run of ${key}: nothing is sent, last_sync_time stays.\n`);
  let buffered = "";
  let outcome = 1;
  const decoder = new TextDecoder();
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    buffered += decoder.decode(chunk, { stream: true });
    const lines = buffered.split("\n");
    buffered = lines.pop() ?? "";
    for (const line of lines) if (line.trim()) outcome = printDryRunLine(JSON.parse(line) as TDryRunLine, io, outcome);
  }
  if (buffered.trim()) outcome = printDryRunLine(JSON.parse(buffered) as TDryRunLine, io, outcome);
  return outcome;
}

function printDryRunLine(line: TDryRunLine, io: TOutput, outcome: number): number {
  const counts = (event: TDryRunLine) =>
    `${event.rowsRead} rows read, ${event.calls} calls would be sent, ${event.invalid} invalid` +
    (event.changeTracking ? `; ${event.new} new, ${event.changed} changed, ${event.unchanged} unchanged, ${event.deleted} deleted` : "");
  if (line.type === "progress") io.err.write(`… ${counts(line)}\n`);
  else if (line.type === "call") io.out.write(`call (row ${line.rowNumber}${line.deleted ? ", deleted" : ""}): ${String(line.json)}\n`);
  else if (line.type === "invalid") io.out.write(`invalid row ${line.rowNumber}: ${String(line.reason)}\n`);
  else if (line.type === "summary") {
    io.out.write(`Dry run finished: ${counts(line)}.\n`);
    return 0;
  } else if (line.type === "error") {
    io.err.write(`Dry run failed: ${String(line.message)}\n`);
    return 1;
  }
  return outcome;
}
