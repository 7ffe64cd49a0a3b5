// The change-tracking setting as the API and forms see it (one object, or null when off) and as the
// Sync row stores it (three columns).
import type { TDeletedRowsAction } from "../engine/change-tracking/deleted-rows-action";
import type { TChangeTracking } from "./schemas";

type Columns = { changeTrackingColumns: string | null; deletedRowsAction: string; deletedRowsEvent: string | null };

export function changeTrackingColumns(setting: TChangeTracking | null): Columns {
  if (!setting) return { changeTrackingColumns: null, deletedRowsAction: "nothing", deletedRowsEvent: null };
  return {
    changeTrackingColumns: JSON.stringify(setting.idColumns),
    deletedRowsAction: setting.onDeleted,
    deletedRowsEvent: setting.onDeleted === "track" ? (setting.deletedEvent ?? null) : null,
  };
}

export function changeTrackingOf(sync: Columns): TChangeTracking | null {
  if (sync.changeTrackingColumns === null) return null;
  return {
    idColumns: JSON.parse(sync.changeTrackingColumns) as string[],
    onDeleted: sync.deletedRowsAction as TDeletedRowsAction,
    ...(sync.deletedRowsEvent ? { deletedEvent: sync.deletedRowsEvent } : {}),
  };
}
