/** Rows processed (delivered or failed) of the rows read so far; indeterminate before the first page. */
export function RunProgress({ read, processed }: { read: number; processed: number }) {
  const percent = read > 0 ? Math.min(100, Math.round((processed / read) * 100)) : 0;
  return (
    <div>
      <div className="muted small" data-testid="run-progress-text">
        {read === 0 ? "Waiting for the first rows…" : `${processed.toLocaleString("en-US")} of ${read.toLocaleString("en-US")} rows processed`}
      </div>
      <div className={`progress${read === 0 ? " indeterminate" : ""}`} role="progressbar" aria-valuenow={percent} aria-valuemin={0} aria-valuemax={100}>
        <span style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}
