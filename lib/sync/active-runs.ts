/**
 * The runs going on in this process, by sync. It is the guard that keeps two runs of one sync from
 * overlapping, and how a run is cancelled (disable, delete, shutdown). Kept on globalThis because
 * Next.js may load this module more than once (instrumentation and route bundles).
 */
type ActiveRun = { runId: string; controller: AbortController };

const holder = globalThis as unknown as { tidewaterActiveRuns?: Map<string, ActiveRun> };
const active = (holder.tidewaterActiveRuns ??= new Map());

export function claimSync(syncId: string, runId: string): AbortController | null {
  if (active.has(syncId)) return null;
  const controller = new AbortController();
  active.set(syncId, { runId, controller });
  return controller;
}

export function releaseSync(syncId: string, runId: string) {
  if (active.get(syncId)?.runId === runId) active.delete(syncId);
}

export function isSyncRunning(syncId: string): boolean {
  return active.has(syncId);
}

export function cancelSyncRun(syncId: string, reason: string) {
  active.get(syncId)?.controller.abort(new Error(reason));
}

export function activeRunCount(): number {
  return active.size;
}
