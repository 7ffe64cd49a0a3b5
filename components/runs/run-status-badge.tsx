export function RunStatusBadge({ status }: { status: string }) {
  return <span className={`badge ${status}`}>{status}</span>;
}
