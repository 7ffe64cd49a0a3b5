type RunError = { id: string; rowNumber: number; reason: string; row: Record<string, unknown> };

export function RunErrors({ errors, total }: { errors: RunError[]; total: number }) {
  if (errors.length === 0) return <p className="empty">No errors: every row this run read became a call.</p>;
  return (
    <>
      {total > errors.length && (
        <p className="muted small">
          Showing the first {errors.length} of {total.toLocaleString("en-US")} errors; Download errors has all of them.
        </p>
      )}
      <table data-testid="run-errors">
        <thead>
          <tr>
            <th>Row</th>
            <th>Reason</th>
            <th>Values</th>
          </tr>
        </thead>
        <tbody>
          {errors.map((error) => (
            <tr key={error.id}>
              <td>{error.rowNumber}</td>
              <td className="call-reason">{error.reason}</td>
              <td>
                <code className="small">{JSON.stringify(error.row)}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
