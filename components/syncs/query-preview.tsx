import { formatBytes } from "@/lib/format";
import type { TPreview } from "@/lib/queries/preview-query";

function BytesProcessed({ bytes }: { bytes?: number }) {
  if (bytes === undefined) return null;
  return <span className="muted small" data-testid="bytes-processed">This query will process {formatBytes(bytes)} when run.</span>;
}

/** Run Query's result: the first rows, and the call each becomes (or why it cannot). */
export function QueryPreview({ preview }: { preview: TPreview }) {
  const failed = new Map(preview.errors.map((error) => [error.row, error.reason]));
  // A mixed sync's rows become calls of several types: say how many of each.
  const perType = new Map<string, number>();
  for (const { call } of preview.calls) perType.set(call.type, (perType.get(call.type) ?? 0) + 1);
  if (preview.rows.length === 0) {
    return (
      <div className="stack">
        <p className="empty" data-testid="preview-empty">The query returned no rows. On the first run {"{{last_sync_time}}"} is 0, so every row it selects would sync.</p>
        <BytesProcessed bytes={preview.bytesProcessed} />
      </div>
    );
  }
  return (
    <div className="stack" data-testid="query-preview">
      <div className="row">
        <strong>
          {preview.rows.length} row{preview.rows.length === 1 ? "" : "s"}
        </strong>
        <span className="badge succeeded">{preview.calls.length} would become calls</span>
        {preview.errors.length > 0 && <span className="badge failed">{preview.errors.length} would fail</span>}
        {perType.size > 1 && (
          <span className="small" data-testid="preview-call-types">
            {[...perType].map(([type, count]) => `${count} ${type}`).join(" · ")}
          </span>
        )}
        <span className="muted small">Nothing is sent: this is a preview of the first 100 rows.</span>
        <BytesProcessed bytes={preview.bytesProcessed} />
      </div>
      <div className="scroll-x scroll-y" style={{ border: "1px solid var(--line)", borderRadius: 8 }}>
        <table className="preview-table" data-testid="preview-rows">
          <thead>
            <tr>
              <th>#</th>
              {preview.columns.map((column) => (
                <th key={column} style={{ textTransform: "none" }}>
                  {column}
                </th>
              ))}
              <th>Problem</th>
            </tr>
          </thead>
          <tbody>
            {preview.rows.map((row, index) => (
              <tr key={index} className={failed.has(index + 1) ? "row-failed" : undefined}>
                <td>{index + 1}</td>
                {row.map((value, column) => (
                  <td key={column}>{value === null ? <span className="muted">null</span> : typeof value === "object" ? JSON.stringify(value) : String(value)}</td>
                ))}
                <td className="call-reason">{failed.get(index + 1) ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3 style={{ margin: ".5rem 0 0" }}>Calls</h3>
      <div className="scroll-y" data-testid="preview-calls">
        {preview.rows.map((_, index) => {
          const row = index + 1;
          const reason = failed.get(row);
          const call = preview.calls.find((item) => item.row === row)?.call;
          return (
            <details key={row} className={`call-item${reason ? " failed" : ""}`} open={index < 3 || Boolean(reason)} data-testid={reason ? "preview-failed-call" : "preview-call"}>
              <summary>
                <span className="muted">Row {row}</span>
                {reason ? <span className="call-reason">Would fail: {reason}</span> : <code data-testid="preview-call-type">{call?.type}</code>}
              </summary>
              {call && <pre className="call-json">{JSON.stringify(call, null, 2)}</pre>}
            </details>
          );
        })}
      </div>
    </div>
  );
}
