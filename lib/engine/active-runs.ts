/**
 * The runs going on in this process, by sync. It is the guard that keeps two runs of one sync from
 * overlapping, and how a run is cancelled (disable, delete) or drained (shutdown). Kept on
 * globalThis because Next.js may load this module more than once (instrumentation, route bundles).
 */
type ActiveRun = { runId: string; cancel: AbortController; drain: AbortController; done?: Promise<void> };

const holder = globalThis as unknown as { tidewaterActiveRuns?: Map<string, ActiveRun>; tidewaterDraining?: boolean };
const active = (holder.tidewaterActiveRuns ??= new Map());

export type RunSignals = { cancel: AbortSignal; drain: AbortSignal };

/** Claims the sync for a run; null when a run of it is going or the process is shutting down. */
export function claimSync(syncId: string, runId: string): RunSignals | null {
  if (active.has(syncId) || holder.tidewaterDraining) return null;
  const run = { runId, cancel: new AbortController(), drain: new AbortController() };
  active.set(syncId, run);
  return { cancel: run.cancel.signal, drain: run.drain.signal };
}

export function trackRunCompletion(syncId: string, runId: string, done: Promise<void>) {
  const run = active.get(syncId);
  if (run?.runId === runId) run.done = done;
}

export function releaseSync(syncId: string, runId: string) {
  if (active.get(syncId)?.runId === runId) active.delete(syncId);
}

export function isSyncRunning(syncId: string): boolean {
  return active.has(syncId);
}

export function cancelSyncRun(syncId: string, reason: string) {
  active.get(syncId)?.cancel.abort(new Error(reason));
}

/** Resolves once the sync's run (if any) has recorded its end, or after `timeoutMs`. */
export async function whenSyncIdle(syncId: string, timeoutMs: number): Promise<void> {
  const done = active.get(syncId)?.done;
  if (!done) return;
  await Promise.race([done.catch(() => undefined), new Promise((resolve) => setTimeout(resolve, timeoutMs).unref())]);
}

export function activeRunCount(): number {
  return active.size;
}

/** Cancel run: aborts the run if it is going in this process; false when it is not here. */
export function cancelActiveRun(runId: string, reason: string): boolean {
  for (const run of active.values()) {
    if (run.runId !== runId) continue;
    run.cancel.abort(new Error(reason));
    return true;
  }
  return false;
}

export function isDraining(): boolean {
  return holder.tidewaterDraining === true;
}

/**
 * Shutdown: no new runs; running ones stop reading and finish the batches they have; after the
 * deadline whatever is left is cancelled. Resolves when every run has recorded its end.
 */
export async function drainRuns(deadlineMs: number): Promise<void> {
  holder.tidewaterDraining = true;
  const runs = [...active.values()];
  for (const run of runs) run.drain.abort(new Error("Tidewater is shutting down"));
  const finished = Promise.all(runs.map((run) => run.done));
  const timer = new Promise<"late">((resolve) => setTimeout(() => resolve("late"), deadlineMs).unref());
  if ((await Promise.race([finished, timer])) === "late") {
    for (const run of runs) run.cancel.abort(new Error("Tidewater shut down before the run could finish"));
    await finished;
  }
}
