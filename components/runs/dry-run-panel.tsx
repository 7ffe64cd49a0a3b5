import type { TDryRunState } from "@/lib/hooks/use-dry-run";

const STATUS = {
  idle: { badge: "queued", text: "Stopped" },
  running: { badge: "running", text: "Dry run going…" },
  finished: { badge: "succeeded", text: "Dry run finished" },
  failed: { badge: "failed", text: "Dry run failed" },
} as const;

function prettyJson(json: string): string {
  try {
    return JSON.stringify(JSON.parse(json), null, 2);
  } catch {
    return json;
  }
}

function callType(json: string): string {
  try {
    return String((JSON.parse(json) as { type?: unknown }).type ?? "");
  } catch {
    return "";
  }
}

function Count({ label, value, testId }: { label: string; value: number | undefined; testId: string }) {
  return (
    <div className="dry-run-count">
      <span className="muted small">{label}</span>
      <strong data-testid={testId}>{(value ?? 0).toLocaleString("en-US")}</strong>
    </div>
  );
}

/** A dry run as it streams in: its counts, the rows that would fail and why, and the first calls. */
export function DryRunPanel({ state, note }: { state: TDryRunState; note?: string }) {
  const { counts, calls, invalid } = state;
  const status = STATUS[state.status];
  return (
    <div className="stack" data-testid="dry-run-panel" aria-live="polite">
      <div className="row">
        <span className={`badge ${status.badge}`} data-testid="dry-run-status">
          {status.text}
        </span>
        <span className="muted small">Nothing is sent: no destination receives a request, and last_sync_time and change tracking stay as they are.</span>
      </div>
      {note && <p className="muted small">{note}</p>}
      {state.error && (
        <p className="field-error" role="alert" data-testid="dry-run-error">
          {state.error}
        </p>
      )}
      <div className="dry-run-counts">
        <Count label="Rows read" value={counts?.rowsRead} testId="dry-run-rows-read" />
        <Count label="Calls that would be sent" value={counts?.calls} testId="dry-run-calls" />
        {state.changeTracking && (
          <>
            <Count label="New" value={counts?.new} testId="dry-run-new" />
            <Count label="Changed" value={counts?.changed} testId="dry-run-changed" />
            <Count label="Unchanged" value={counts?.unchanged} testId="dry-run-unchanged" />
            <Count label="Deleted" value={counts?.deleted} testId="dry-run-deleted" />
          </>
        )}
        <Count label="Invalid rows" value={counts?.invalid} testId="dry-run-invalid" />
      </div>
      {invalid.length > 0 && (
        <>
          <h3 style={{ margin: ".5rem 0 0" }}>
            Invalid rows{counts && counts.invalid > invalid.length ? ` (the first ${invalid.length} of ${counts.invalid.toLocaleString("en-US")})` : ""}
          </h3>
          <div className="scroll-x scroll-y" style={{ border: "1px solid var(--line)", borderRadius: 8 }}>
            <table className="preview-table" data-testid="dry-run-invalid-rows">
              <thead>
                <tr>
                  <th>Row</th>
                  <th>Reason</th>
                  <th>Columns</th>
                </tr>
              </thead>
              <tbody>
                {invalid.map((row) => (
                  <tr key={row.rowNumber} className="row-failed">
                    <td>{row.rowNumber}</td>
                    <td className="call-reason">{row.reason}</td>
                    <td>
                      <code>{JSON.stringify(row.row)}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {calls.length > 0 && (
        <>
          <h3 style={{ margin: ".5rem 0 0" }}>
            Sample calls{counts && counts.calls > calls.length ? ` (the first ${calls.length} of ${counts.calls.toLocaleString("en-US")})` : ""}
          </h3>
          <p className="muted small">Each call as a destination would receive it, messageId included.</p>
          <div className="scroll-y" data-testid="dry-run-sample-calls">
            {calls.map((call, index) => (
              <details key={index} className="call-item" open={index < 3} data-testid="dry-run-call">
                <summary>
                  <span className="muted">{call.deleted ? "Deleted row" : `Row ${call.rowNumber}`}</span>
                  <code>{callType(call.json)}</code>
                </summary>
                <pre className="call-json">{prettyJson(call.json)}</pre>
              </details>
            ))}
          </div>
        </>
      )}
    </div>
  );
}
