import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { formatDateTime } from "@/lib/format";
import { DeleteDatabaseButton } from "./delete-buttons";

type Database = { id: string; name: string; createdAt: Date; config: Record<string, unknown>; secretsSet: string[] };

/** The Databases tab: the connections of a source (settings without secrets). */
export function DatabaseList({ sourceId, databases, admin }: { sourceId: string; databases: Database[]; admin: boolean }) {
  if (databases.length === 0) {
    return (
      <section className="panel">
        <EmptyState title="No database yet" action={admin ? { href: `/sources/${sourceId}/databases/new`, label: "Add database" } : undefined}>
          Connect the database this source reads from; then add syncs. {admin ? "" : "Only an admin can add one."}
        </EmptyState>
      </section>
    );
  }
  return (
    <section className="panel" data-testid="database-list">
      <div className="row" style={{ marginBottom: ".5rem" }}>
        <h2 style={{ margin: 0 }}>Databases</h2>
        <span className="spacer" />
        {admin && (
          <Link className="button secondary small" href={`/sources/${sourceId}/databases/new`}>
            Add database
          </Link>
        )}
      </div>
      <table>
        <thead>
          <tr>
            <th>Name</th>
            <th>Connection</th>
            <th>Added</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {databases.map((database) => (
            <tr key={database.id}>
              <td>{database.name}</td>
              <td className="muted">{describe(database.config)}</td>
              <td>{formatDateTime(database.createdAt)}</td>
              <td>
                {admin && (
                  <div className="actions" style={{ alignItems: "baseline", justifyContent: "flex-end" }}>
                    <Link href={`/sources/${sourceId}/databases/${database.id}`}>Edit</Link>
                    <DeleteDatabaseButton sourceId={sourceId} database={database} />
                  </div>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function describe(config: Record<string, unknown>): string {
  if (config.host) return `${String(config.user ?? "")}@${String(config.host)}:${String(config.port ?? "")}/${String(config.database ?? "")}`;
  return Object.entries(config)
    .map(([key, value]) => `${key}: ${String(value)}`)
    .join(", ");
}
