import Link from "next/link";
import { CallList } from "@/components/data-in/call-list";
import { PageHead } from "@/components/ui/page-head";
import { pageActor } from "@/lib/auth/page-actor";
import { listRunCalls } from "@/lib/runs/list-run-calls";
import { listSources } from "@/lib/sources/list-sources";
import { CALL_TYPES } from "@/lib/engine/call-types";

export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<{ sync?: string; type?: string; cursor?: string }> };

/** Data In: the calls syncs produced, newest first, to see exactly how rows map to calls. */
export default async function DataInPage({ searchParams }: Props) {
  await pageActor();
  const { sync = "", type = "", cursor } = await searchParams;
  const [sources, page] = await Promise.all([listSources(), listRunCalls({ syncId: sync || undefined, type: type || undefined, cursor, take: 50 })]);
  const syncs = sources.flatMap((source) => source.syncs.map((item) => ({ ...item, sourceName: source.name })));
  const names = Object.fromEntries(syncs.map((item) => [item.id, item.name]));
  const query = (extra: Record<string, string>) => new URLSearchParams({ ...(sync ? { sync } : {}), ...(type ? { type } : {}), ...extra }).toString();
  return (
    <>
      <PageHead title="Data In" />
      <form className="filters panel" method="get" style={{ padding: ".9rem 1rem" }}>
        <label className="field">
          <span className="field-label">Sync</span>
          <select name="sync" defaultValue={sync} aria-label="Sync">
            <option value="">All syncs</option>
            {syncs.map((item) => (
              <option key={item.id} value={item.id}>
                {item.sourceName} — {item.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">Type</span>
          <select name="type" defaultValue={type} aria-label="Type">
            <option value="">All types</option>
            {CALL_TYPES.map((item) => (
              <option key={item}>{item}</option>
            ))}
          </select>
        </label>
        <button className="button" type="submit">
          Filter
        </button>
        {(sync || type) && <Link href="/data-in">Clear</Link>}
      </form>
      <section className="panel">
        <CallList calls={page.calls} syncNames={names} filtered={Boolean(sync || type)} />
        <div className="row" style={{ marginTop: ".75rem" }}>
          {cursor && <Link href={`/data-in?${query({})}`}>Newest</Link>}
          <span className="spacer" />
          {page.nextCursor && <Link href={`/data-in?${query({ cursor: page.nextCursor })}`}>Older calls →</Link>}
        </div>
      </section>
    </>
  );
}
