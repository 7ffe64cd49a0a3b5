import { SyncAlertRules } from "@/components/alerts/sync-alert-rules";
import { getSyncAlertRules } from "@/lib/alerts/alert-settings";
import { scheduleDraft, trackingDraft } from "@/components/syncs/sync-draft";
import { DryRunButton } from "@/components/syncs/dry-run-button";
import { ScheduleSummary } from "@/components/syncs/schedule-summary";
import { ResetTrackingButton } from "@/components/syncs/reset-tracking-button";
import { SyncWizard } from "@/components/syncs/sync-wizard";
import { SyncTriggerPanel } from "@/components/syncs/sync-trigger-panel";
import { PageHead } from "@/components/ui/page-head";
import { pageActor } from "@/lib/auth/page-actor";
import { hasRole } from "@/lib/auth/roles";
import type { TSourceKind } from "@/lib/connectors/registry";
import { listDestinations } from "@/lib/destinations/list-destinations";
import { getSource } from "@/lib/sources/list-sources";
import { SYNC_TYPE_INFO, SYNC_TYPES, type TSyncType } from "@/lib/engine/sync-types";
import { getSync } from "@/lib/syncs/get-sync";
import { getSyncTrigger } from "@/lib/triggers/get-sync-trigger";
import { listChainLinks } from "@/lib/syncs/list-chain-links";
import { starterQuery } from "@/lib/syncs/starter-query";

export const dynamic = "force-dynamic";

/** Edit a sync: the same steps as creating one, saved with "Save sync". */
export default async function EditSyncPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await pageActor();
  const { id } = await params;
  const sync = await getSync(id);
  const [source, destinations, alertRules, trigger, chain] = await Promise.all([getSource(sync.sourceId), listDestinations(), getSyncAlertRules(id), getSyncTrigger(id), listChainLinks(id)]);
  const starters = Object.fromEntries(SYNC_TYPES.map((type) => [type, starterQuery(source.kind as TSourceKind, type)])) as Record<TSyncType, string>;
  const presets = ["1", "5", "15", "60", "1440"];
  return (
    <>
      <PageHead
        title={`Edit ${sync.name}`}
        crumbs={[
          { href: "/sources", label: "Sources" },
          { href: `/sources/${source.id}`, label: source.name },
        ]}
      >
        <DryRunButton syncId={sync.id} />
        {sync.changeTracking && <ResetTrackingButton syncId={sync.id} />}
      </PageHead>
      <ScheduleSummary schedule={sync.schedule} enabled={sync.enabled} nextRunAt={sync.nextRunAt} after={chain.after} followers={chain.followers} />
      <SyncWizard
        sourceId={source.id}
        syncId={sync.id}
        starterQueries={starters}
        types={SYNC_TYPES.map((type) => ({ type, ...SYNC_TYPE_INFO[type] }))}
        databases={source.databases.map(({ id: databaseId, name }) => ({ id: databaseId, name }))}
        destinations={destinations.map(({ id: destinationId, name, kind }) => ({ id: destinationId, name, kind }))}
        syncs={chain.syncs}
        initial={{
          name: sync.name,
          key: sync.key ?? "",
          description: sync.description,
          type: sync.type as TSyncType,
          databaseId: sync.databaseId,
          frequency: String(sync.frequencyMinutes),
          customFrequency: !presets.includes(String(sync.frequencyMinutes)),
          ...scheduleDraft(sync.schedule),
          // A start still ahead shows as such; the browser turns the instant into its local time.
          ...(sync.startAt > new Date() ? { startMode: "later", startAt: sync.startAt.toISOString() } : { startMode: "now", startAt: "" }),
          query: sync.query,
          destinationIds: sync.destinationIds,
          tracking: trackingDraft(sync.changeTracking),
          retryLimit: String(sync.retryLimit),
        }}
      />
      <SyncAlertRules syncId={sync.id} initial={alertRules} />
      <SyncTriggerPanel
        syncId={sync.id}
        initial={{ ...trigger, createdAt: trigger.createdAt?.toISOString() ?? null }}
        canManage={hasRole(actor, "admin")}
      />
    </>
  );
}
