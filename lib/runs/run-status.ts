// Run statuses, for the engine's records and the screens that show them (no server imports: the
// client components read it too).
export const RUN_STATUSES = ["queued", "running", "succeeded", "failed", "cancelled", "skipped", "interrupted"] as const;
export type TRunStatus = (typeof RUN_STATUSES)[number];

/** Not ended yet: waiting for a worker, or going. These are the runs Cancel run applies to. */
export const IN_PROGRESS_STATUSES: readonly string[] = ["queued", "running"] satisfies TRunStatus[];

export function isRunInProgress(status: string): boolean {
  return IN_PROGRESS_STATUSES.includes(status);
}
