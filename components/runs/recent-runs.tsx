import { formatDateTime, formatDuration } from "@/lib/format";
import { RunStatusBadge } from "./run-status-badge";

type Run = {
  id: string;
  status: string;
  startedAt: Date;
  finishedAt: Date | null;
  rowsRead: number;
  rowsSucceeded: number;
  rowsFailed: number;
  rowsUnchanged: number;
  error: string | null;
  sync: { name: string; type: string };
};

export function RecentRuns({ runs }: { runs: Run[] }) {
  if (runs.length === 0) {
    return <p className="empty">No runs yet. Enabled syncs run on their schedule; the first one starts within a minute.</p>;
  }
  return (
    <table data-testid="recent-runs">
      <thead>
        <tr>
          <th>Sync</th>
          <th>Started</th>
          <th>Duration</th>
          <th>Status</th>
          <th>Rows read</th>
          <th>Succeeded</th>
          <th>Failed</th>
        </tr>
      </thead>
      <tbody>
        {runs.map((run) => (
          <tr key={run.id}>
            <td>{run.sync.name}</td>
            <td>{formatDateTime(run.startedAt)}</td>
            <td>{formatDuration(run.startedAt, run.finishedAt)}</td>
            <td title={run.error ?? undefined}>
              <RunStatusBadge status={run.status} />
            </td>
            <td>{run.rowsRead}</td>
            <td>{run.rowsSucceeded}</td>
            <td>{run.rowsFailed}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
