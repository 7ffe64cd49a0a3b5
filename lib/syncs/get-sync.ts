import { db } from "../db";
import { notFound } from "../errors";
import { changeTrackingOf } from "./change-tracking-setting";

export async function getSync(id: string) {
  const sync = await db().sync.findUnique({ where: { id }, include: { destinations: { select: { destinationId: true } } } });
  if (!sync) throw notFound("Sync");
  const { destinations, changeTrackingColumns, deletedRowsAction, deletedRowsEvent, ...rest } = sync;
  return {
    ...rest,
    changeTracking: changeTrackingOf({ changeTrackingColumns, deletedRowsAction, deletedRowsEvent }),
    destinationIds: destinations.map((link) => link.destinationId),
  };
}
