import { DEFAULT_RETRY_LIMIT, scheduleDraft, trackingDraft } from "@/components/syncs/sync-draft";
import { SyncWizard } from "@/components/syncs/sync-wizard";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHead } from "@/components/ui/page-head";
import { pageActor } from "@/lib/auth/page-actor";
import type { TSourceKind } from "@/lib/connectors/registry";
import { listDestinations } from "@/lib/destinations/list-destinations";
import { getSource } from "@/lib/sources/list-sources";
import { SYNC_TYPE_INFO, SYNC_TYPES, type TSyncType } from "@/lib/engine/sync-types";
import { listChainLinks } from "@/lib/syncs/list-chain-links";
import { starterQuery } from "@/lib/syncs/starter-query";

export const dynamic = "force-dynamic";

export default async function NewSyncPage({ params }: { params: Promise<{ id: string }> }) {
  await pageActor();
  const { id } = await params;
  const [source, destinations, chain] = await Promise.all([getSource(id), listDestinations(), listChainLinks()]);
  const crumbs = [
    { href: "/sources", label: "Sources" },
    { href: `/sources/${id}`, label: source.name },
  ];
  if (source.databases.length === 0) {
    return (
      <>
        <PageHead title="Add sync" crumbs={crumbs} />
        <section className="panel">
          <EmptyState title="Add a database first" action={{ href: `/sources/${id}/databases/new`, label: "Add database" }}>
            A sync runs its query on one of the source&apos;s databases.
          </EmptyState>
        </section>
      </>
    );
  }
  const starters = Object.fromEntries(SYNC_TYPES.map((type) => [type, starterQuery(source.kind as TSourceKind, type)])) as Record<TSyncType, string>;
  return (
    <>
      <PageHead title="Add sync" crumbs={crumbs} />
      <SyncWizard
        sourceId={id}
        starterQueries={starters}
        types={SYNC_TYPES.map((type) => ({ type, ...SYNC_TYPE_INFO[type] }))}
        databases={source.databases.map(({ id: databaseId, name }) => ({ id: databaseId, name }))}
        destinations={destinations.map(({ id: destinationId, name, kind }) => ({ id: destinationId, name, kind }))}
        syncs={chain.syncs}
        initial={{
          name: "",
          description: "",
          type: "identify",
          databaseId: source.databases[0].id,
          frequency: "15",
          customFrequency: false,
          ...scheduleDraft({ kind: "interval", frequencyMinutes: 15 }),
          startMode: "now",
          startAt: "",
          query: starters.identify,
          destinationIds: destinations.length === 1 ? [destinations[0].id] : [],
          tracking: trackingDraft(null),
          retryLimit: DEFAULT_RETRY_LIMIT,
        }}
      />
    </>
  );
}
