import { changeTrackingOf } from "./change-tracking-setting";
import { scheduleOf, type TScheduleColumns } from "./schedule-setting";

type SyncFields = TScheduleColumns & {
  key: string | null;
  name: string;
  description: string;
  type: string;
  query: string;
  frequencyMinutes: number;
  startAt: Date;
  enabled: boolean;
  databaseId: string;
  changeTrackingColumns: string | null;
  deletedRowsAction: string;
  deletedRowsEvent: string | null;
  destinations?: { destinationId: string }[];
};

/** What the audit log compares of a sync: what a person sets, not the schedule's bookkeeping. */
export function syncAuditFields(sync: SyncFields) {
  return {
    key: sync.key,
    name: sync.name,
    description: sync.description,
    type: sync.type,
    query: sync.query,
    frequencyMinutes: sync.frequencyMinutes,
    schedule: scheduleOf(sync),
    startAt: sync.startAt,
    enabled: sync.enabled,
    databaseId: sync.databaseId,
    changeTracking: changeTrackingOf(sync),
    destinationIds: (sync.destinations ?? []).map((link) => link.destinationId).sort(),
  };
}
