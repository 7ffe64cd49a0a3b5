import Link from "next/link";
import { AuditFilters } from "@/components/audit/audit-filters";
import { AuditTable } from "@/components/audit/audit-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHead } from "@/components/ui/page-head";
import { Refused } from "@/components/ui/refused";
import { pageOf } from "@/lib/api/page";
import { listAuditEvents } from "@/lib/audit/list-audit-events";
import { ZListAuditEventsQuerySchema } from "@/lib/audit/schemas";
import { pageActor } from "@/lib/auth/page-actor";
import { hasRole } from "@/lib/auth/roles";

export const dynamic = "force-dynamic";

export default async function AuditLogPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await pageActor();
  if (!hasRole(actor, "admin")) return <Refused what="the audit log" />;
  // Empty fields of the filter form mean "any".
  const raw = Object.fromEntries(Object.entries(await searchParams).filter(([, value]) => value));
  const parsed = ZListAuditEventsQuerySchema.safeParse(raw);
  const query = parsed.success ? parsed.data : ZListAuditEventsQuerySchema.parse({});
  const { cursor, limit, ...filter } = query;
  const { items, nextCursor } = pageOf(await listAuditEvents(filter, { cursor, limit }), { cursor, limit });
  const filterParams = new URLSearchParams(Object.entries(filter).filter((entry): entry is [string, string] => Boolean(entry[1])));
  return (
    <>
      <PageHead title="Audit log">
        <a className="button secondary" href={`/api/v1/audit-events.csv?${filterParams}`} download>
          Export CSV
        </a>
      </PageHead>
      <section className="panel">
        <AuditFilters filter={filter} />
        {!parsed.success && <p className="error">Some filters were not understood and were left out.</p>}
      </section>
      <section className="panel">
        {items.length === 0 ? <EmptyState title="No entries" /> : <AuditTable entries={items} />}
        <div className="actions" style={{ marginTop: "1rem" }}>
          {cursor && <Link href={`/audit?${filterParams}`}>Newest</Link>}
          {nextCursor && (
            <Link href={`/audit?${new URLSearchParams({ ...Object.fromEntries(filterParams), cursor: nextCursor })}`} data-testid="audit-older">
              Older entries
            </Link>
          )}
        </div>
      </section>
    </>
  );
}
