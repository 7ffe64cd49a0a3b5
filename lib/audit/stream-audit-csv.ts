import { stringify } from "csv-stringify/sync";
import { db } from "../db";
import { AUDIT_ORDER, auditWhere } from "./list-audit-events";
import type { TAuditFilter } from "./schemas";

const PAGE = 1_000;
// As the errors CSV: CRLF records, CR/LF quoted, formula-like cells shown as text (OWASP).
const CSV_OPTIONS = { record_delimiter: "\r\n", quoted_match: /[\r\n]/, escape_formulas: true };

/** The filtered entries as CSV, newest first, read a page at a time by cursor and streamed. */
export function streamAuditCsv(filter: TAuditFilter): ReadableStream<Uint8Array> {
  const where = auditWhere(filter);
  const encoder = new TextEncoder();
  let cursor: string | null = null;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(stringify([["time", "actor_type", "actor", "action", "resource_type", "resource_id", "resource_name", "diff"]], CSV_OPTIONS)));
    },
    async pull(controller) {
      const page = await db().auditEvent.findMany({ where, orderBy: AUDIT_ORDER, take: PAGE, ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}) });
      if (page.length > 0) {
        const records = page.map((e) => [e.at.toISOString(), e.actorType, e.actorName, e.action, e.resourceType, e.resourceId ?? "", e.resourceName, e.diffJson]);
        cursor = page[page.length - 1].id;
        controller.enqueue(encoder.encode(stringify(records, CSV_OPTIONS)));
      }
      if (page.length < PAGE) controller.close();
    },
  });
}
