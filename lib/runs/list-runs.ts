import { pageArgs, pageOf, type TPageQuery } from "../api/page";
import { db } from "../db";
import { notFound } from "../errors";
import type { TListRunsQuery } from "./schemas";

/** A sync's runs, newest first, a page at a time. */
export async function listRuns(syncId: string, page: TPageQuery) {
  return db().syncRun.findMany({ where: { syncId }, orderBy: [{ startedAt: "desc" }, { id: "desc" }], ...pageArgs(page) });
}

export async function getRun(id: string) {
  const run = await db().syncRun.findUnique({ where: { id } });
  if (!run) throw notFound("Run");
  return run;
}

/** The last runs across all syncs, for the home page. */
export async function listRecentRuns(take = 10) {
  return db().syncRun.findMany({ orderBy: { startedAt: "desc" }, take, include: { sync: { select: { name: true, type: true } } } });
}

/** Runs across syncs, newest first, by status, sync and start time, a page at a time. */
export async function findRuns(query: TListRunsQuery) {
  const { status, syncId, since, until } = query;
  const rows = await db().syncRun.findMany({
    where: {
      ...(status ? { status } : {}),
      ...(syncId ? { syncId } : {}),
      ...(since || until ? { startedAt: { ...(since ? { gte: since } : {}), ...(until ? { lt: until } : {}) } } : {}),
    },
    orderBy: [{ startedAt: "desc" }, { id: "desc" }],
    ...pageArgs(query),
  });
  const { items, nextCursor } = pageOf(rows, query);
  return { runs: items, nextCursor };
}
