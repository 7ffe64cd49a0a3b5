import Link from "next/link";
import { ImportsTable } from "@/components/runs/imports-table";
import { DatabaseList } from "@/components/sources/database-list";
import { DeleteSourceButton } from "@/components/sources/delete-buttons";
import { SyncList } from "@/components/syncs/sync-list";
import { PageHead } from "@/components/ui/page-head";
import { pageActor } from "@/lib/auth/page-actor";
import { hasRole } from "@/lib/auth/roles";
import { SOURCE_KIND_NAMES, type TSourceKind } from "@/lib/connectors/registry";
import { listSourceRuns } from "@/lib/runs/list-source-runs";
import { getSource } from "@/lib/sources/list-sources";
import { listSourceSyncs } from "@/lib/syncs/list-source-syncs";

export const dynamic = "force-dynamic";

const TABS = [
  { id: "syncs", label: "Syncs" },
  { id: "imports", label: "Imports" },
  { id: "databases", label: "Databases" },
] as const;

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ tab?: string }> };

export default async function SourcePage({ params, searchParams }: Props) {
  const actor = await pageActor();
  const [{ id }, { tab = "syncs" }] = await Promise.all([params, searchParams]);
  const source = await getSource(id);
  const admin = hasRole(actor, "admin");
  return (
    <>
      <PageHead
        title={
          <>
            {source.name} <span className="badge">{SOURCE_KIND_NAMES[source.kind as TSourceKind] ?? source.kind}</span>
          </>
        }
        crumbs={[{ href: "/sources", label: "Sources" }]}
      >
        {admin && <DeleteSourceButton source={{ id, name: source.name, databases: source.databases.length, syncs: source.syncs.length }} />}
        {source.databases.length > 0 && (
          <Link className="button" href={`/sources/${id}/syncs/new`}>
            Add sync
          </Link>
        )}
      </PageHead>
      <nav className="tabs" aria-label="Source">
        {TABS.map((item) => (
          <Link key={item.id} href={`/sources/${id}?tab=${item.id}`} className={tab === item.id ? "active" : undefined} aria-current={tab === item.id ? "page" : undefined}>
            {item.label}
          </Link>
        ))}
      </nav>
      {tab === "imports" ? (
        <ImportsTable sourceId={id} initialRuns={await listSourceRuns(id)} />
      ) : tab === "databases" ? (
        <DatabaseList sourceId={id} databases={source.databases} admin={admin} />
      ) : (
        <SyncList sourceId={id} initialSyncs={await listSourceSyncs(id)} hasDatabase={source.databases.length > 0} admin={admin} />
      )}
    </>
  );
}
