import { pageArgs, type TPageQuery } from "../api/page";
import { db } from "../db";
import { isDistributed } from "../env";
import type { TAuditDiff } from "./audit-diff";
import type { TAuditFilter } from "./schemas";

const DAY_MS = 86_400_000;

/** Prisma's where for the filters; a bare date as `until` includes that whole day. */
export function auditWhere(filter: TAuditFilter) {
  const until = filter.until ? new Date(filter.until.length === 10 ? Date.parse(`${filter.until}T00:00:00Z`) + DAY_MS : Date.parse(filter.until)) : undefined;
  return {
    // SQLite's LIKE ignores ASCII case already; PostgreSQL's needs asking (the SQLite client has no `mode`).
    ...(filter.actor ? { actorName: { contains: filter.actor, ...(isDistributed() ? { mode: "insensitive" as never } : {}) } } : {}),
    ...(filter.resourceType ? { resourceType: filter.resourceType } : {}),
    ...(filter.action ? { action: filter.action } : {}),
    ...(filter.since || until ? { at: { ...(filter.since ? { gte: new Date(filter.since) } : {}), ...(until ? { lt: until } : {}) } } : {}),
  };
}

export const AUDIT_ORDER = [{ at: "desc" as const }, { id: "desc" as const }];

/** A page of entries, newest first, with the diff parsed. */
export async function listAuditEvents(filter: TAuditFilter, page: TPageQuery) {
  const rows = await db().auditEvent.findMany({ where: auditWhere(filter), orderBy: AUDIT_ORDER, ...pageArgs(page) });
  return rows.map(auditEventResponse);
}

export function auditEventResponse({ diffJson, actorType, actorId, actorName, resourceType, resourceId, resourceName, ...rest }: AuditRow) {
  return {
    ...rest,
    actor: { type: actorType, id: actorId, name: actorName },
    resource: { type: resourceType, id: resourceId, name: resourceName },
    diff: JSON.parse(diffJson) as TAuditDiff,
  };
}

type AuditRow = Awaited<ReturnType<ReturnType<typeof db>["auditEvent"]["findFirstOrThrow"]>>;
