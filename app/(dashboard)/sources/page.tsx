import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHead } from "@/components/ui/page-head";
import { pageActor } from "@/lib/auth/page-actor";
import { hasRole } from "@/lib/auth/roles";
import { SOURCE_KIND_NAMES, type TSourceKind } from "@/lib/connectors/registry";
import { listSources } from "@/lib/sources/list-sources";

export const dynamic = "force-dynamic";

export default async function SourcesPage() {
  const actor = await pageActor();
  const sources = await listSources();
  const admin = hasRole(actor, "admin");
  return (
    <>
      <PageHead title="Sources">
        {admin && (
          <Link className="button" href="/sources/new">
            Add Source
          </Link>
        )}
      </PageHead>
      <section className="panel flush" data-testid="source-list">
        {sources.length === 0 ? (
          <EmptyState title="No sources yet" action={admin ? { href: "/sources/new", label: "Add Source" } : undefined}>
            A source is the database or warehouse you sync data from. {admin ? "Add one to get started." : "Ask an admin to add one."}
          </EmptyState>
        ) : (
          sources.map((source) => (
            <div className="list-card" key={source.id}>
              <div style={{ flex: 1 }}>
                <Link className="title" href={`/sources/${source.id}`}>
                  {source.name}
                </Link>
                <div className="muted small">
                  {source.databases.length} database{source.databases.length === 1 ? "" : "s"} · {source.syncs.length} sync
                  {source.syncs.length === 1 ? "" : "s"} · {source.syncs.filter((sync) => sync.enabled).length} enabled
                </div>
              </div>
              <span className="badge">{SOURCE_KIND_NAMES[source.kind as TSourceKind] ?? source.kind}</span>
            </div>
          ))
        )}
      </section>
    </>
  );
}
