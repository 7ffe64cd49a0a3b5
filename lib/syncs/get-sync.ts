import { db } from "../db";
import { notFound } from "../errors";
import { changeTrackingOf } from "./change-tracking-setting";
import { scheduleOf } from "./schedule-setting";

export const SYNC_INCLUDE = { destinations: { select: { destinationId: true } } } as const;

type SyncRow = NonNullable<Awaited<ReturnType<typeof findSync>>>;

const findSync = (id: string) => db().sync.findUnique({ where: { id }, include: SYNC_INCLUDE });

export async function getSync(id: string) {
  const sync = await findSync(id);
  if (!sync) throw notFound("Sync");
  return syncResponse(sync);
}

/**
 * A sync as the API and the UI show it: change tracking as one object, destinations as ids; never
 * the trigger secret's hash or the dbt Cloud secret (GET /syncs/{id}/trigger says whether they are set).
 */
export function syncResponse(sync: SyncRow) {
  const {
    destinations,
    changeTrackingColumns,
    deletedRowsAction,
    deletedRowsEvent,
    scheduleKind,
    cronExpression,
    timeZone,
    afterSyncId,
    triggerTokenHash: _hash,
    triggerCreatedAt: _created,
    dbtSecretEncrypted: _dbt,
    ...rest
  } = sync;
  return {
    ...rest,
    schedule: scheduleOf({ scheduleKind, frequencyMinutes: rest.frequencyMinutes, cronExpression, timeZone, afterSyncId }),
    changeTracking: changeTrackingOf({ changeTrackingColumns, deletedRowsAction, deletedRowsEvent }),
    destinationIds: destinations.map((link) => link.destinationId),
  };
}
