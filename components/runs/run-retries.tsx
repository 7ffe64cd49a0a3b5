import type { TRetryResult } from "@/lib/engine/retries/retry-queue";

type Retried = { id: string; rowNumber: number; result: TRetryResult; reason: string | null; attempts: number; row: Record<string, unknown> };
type Props = { retried: Retried[]; counts: Partial<Record<TRetryResult, number>>; total: number };

const RESULTS: { result: TRetryResult; label: string; badge: string }[] = [
  { result: "delivered", label: "Delivered", badge: "succeeded" },
  { result: "failed-again", label: "Failed again", badge: "failed" },
  { result: "given-up", label: "Given up", badge: "failed" },
  { result: "superseded", label: "Superseded", badge: "skipped" },
];
const BY_RESULT = Object.fromEntries(RESULTS.map((entry) => [entry.result, entry]));

/** What a run did with the rows of earlier runs it sent again, one line per row, the first ones. */
export function RunRetries({ retried, counts, total }: Props) {
  if (total === 0) return <p className="empty">This run retried no rows: no refused or undelivered rows of earlier runs were waiting.</p>;
  const summary = RESULTS.filter(({ result }) => counts[result]).map(({ result, label }) => `${counts[result]!.toLocaleString("en-US")} ${label.toLowerCase()}`);
  return (
    <>
      <p className="muted small" data-testid="run-retries-summary">
        {total.toLocaleString("en-US")} retried: {summary.join(", ")}.{total > retried.length && ` Showing the first ${retried.length}.`}
      </p>
      <table data-testid="run-retries">
        <thead>
          <tr>
            <th>Row</th>
            <th>Result</th>
            <th>Retries</th>
            <th>Reason</th>
            <th>Values</th>
          </tr>
        </thead>
        <tbody>
          {retried.map((entry) => (
            <tr key={entry.id} data-testid="run-retry">
              <td>{entry.rowNumber}</td>
              <td>
                <span className={`badge ${BY_RESULT[entry.result]?.badge ?? ""}`}>{BY_RESULT[entry.result]?.label ?? entry.result}</span>
              </td>
              <td>{entry.attempts}</td>
              <td className="call-reason">{entry.reason ?? ""}</td>
              <td>
                <code className="small">{JSON.stringify(entry.row)}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
