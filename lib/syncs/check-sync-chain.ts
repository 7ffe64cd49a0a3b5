import type { Db } from "../db";
import { AppError } from "../errors";

const FIELD = "schedule.syncId";

/**
 * A sync that runs after another must name a sync that exists, and the chain it joins must never
 * lead back to it (A after B after A would run forever). `syncId` is the sync being saved (none
 * when it is being created: nothing runs after it yet, so it cannot close a loop).
 */
export async function checkSyncChain(database: Db, syncId: string | undefined, afterSyncId: string) {
  const names: string[] = [];
  let current: string | null = afterSyncId;
  const seen = new Set<string>();
  while (current) {
    if (current === syncId || seen.has(current)) {
      const self = syncId ? (await database.sync.findUnique({ where: { id: syncId }, select: { name: true } }))?.name : undefined;
      const loop = [self ?? "this sync", ...names, self ?? "this sync"].join(" → ");
      throw new AppError("invalid_input", `A chain can't loop: ${loop}. Pick a sync that does not run after this one.`, {
        [FIELD]: [current === afterSyncId && current === syncId ? "A sync can't run after itself" : `This would make a loop: ${loop}`],
      });
    }
    seen.add(current);
    const link: { name: string; afterSyncId: string | null; scheduleKind: string } | null = await database.sync.findUnique({
      where: { id: current },
      select: { name: true, afterSyncId: true, scheduleKind: true },
    });
    if (!link) {
      if (current === afterSyncId) throw new AppError("invalid_input", "Pick the sync this one runs after.", { [FIELD]: ["Unknown sync"] });
      break;
    }
    names.push(link.name);
    current = link.scheduleKind === "after" ? link.afterSyncId : null;
  }
}
