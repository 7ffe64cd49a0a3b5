import { pagedCsvStream } from "../csv/paged-csv-stream";
import { db } from "../db";
import { AUDIT_ORDER, auditWhere } from "./list-audit-events";
import type { TAuditFilter } from "./schemas";

const PAGE = 1_000;
const HEADER = ["time", "actor_type", "actor", "action", "resource_type", "resource_id", "resource_name", "diff"];

/** The filtered entries as CSV, newest first, read a page at a time by cursor and streamed. */
export function streamAuditCsv(filter: TAuditFilter): ReadableStream<Uint8Array> {
  const where = auditWhere(filter);
  let cursor: string | null = null;
  const readPage = async () => {
    const page = await db().auditEvent.findMany({ where, orderBy: AUDIT_ORDER, take: PAGE, ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}) });
    if (page.length > 0) cursor = page[page.length - 1].id;
    return page.map((e) => [e.at.toISOString(), e.actorType, e.actorName, e.action, e.resourceType, e.resourceId ?? "", e.resourceName, e.diffJson]);
  };
  return pagedCsvStream(HEADER, readPage, PAGE);
}
