const MEANING: Record<string, string> = {
  queued: "Waiting for a worker to start it",
  running: "Reading rows and sending calls",
  succeeded: "Every row was read, and delivered or recorded as an error",
  failed: "Stopped by an error; {{last_sync_time}} stays where it was",
  cancelled: "Stopped by Cancel run, or by disabling or deleting the sync; {{last_sync_time}} stays where it was",
  skipped: "The previous run of this sync was still going; the next run catches up",
  interrupted: "Stopped by a shutdown or a worker that went away; {{last_sync_time}} stays where it was",
};

export function RunStatusBadge({ status }: { status: string }) {
  return (
    <span className={`badge ${status}`} title={MEANING[status]}>
      {status}
    </span>
  );
}
