import Link from "next/link";
import { SOURCE_KIND_NAMES, type TSourceKind } from "@/lib/connectors/registry";
import { formatDateTime, formatFrequency } from "@/lib/format";

type SyncSummary = { id: string; name: string; type: string; enabled: boolean; frequencyMinutes: number; nextRunAt: Date | null };
type SourceSummary = { id: string; name: string; kind: string; databases: { id: string; name: string }[]; syncs: SyncSummary[] };

export function SourceOverview({ source }: { source: SourceSummary }) {
  return (
    <section className="panel" data-testid="source">
      <div className="row">
        <h2>
          <Link href={`/sources/${source.id}`}>{source.name}</Link>
        </h2>
        <span className="badge">{SOURCE_KIND_NAMES[source.kind as TSourceKind] ?? source.kind}</span>
        <span className="spacer" />
        <span className="muted">
          {source.databases.length} database{source.databases.length === 1 ? "" : "s"}
        </span>
      </div>
      {source.syncs.length === 0 ? (
        <p className="empty">No syncs yet. Add a sync to send this source&apos;s data to your destinations.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Sync</th>
              <th>Type</th>
              <th>Frequency</th>
              <th>State</th>
              <th>Next run</th>
            </tr>
          </thead>
          <tbody>
            {source.syncs.map((sync) => (
              <tr key={sync.id}>
                <td>{sync.name}</td>
                <td>
                  <code>{sync.type}</code>
                </td>
                <td>{formatFrequency(sync.frequencyMinutes)}</td>
                <td>{sync.enabled ? "Enabled" : "Disabled"}</td>
                <td>{sync.enabled ? formatDateTime(sync.nextRunAt) : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
