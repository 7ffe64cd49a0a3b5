import Link from "next/link";
import { RecentRuns } from "@/components/runs/recent-runs";
import { SourceOverview } from "@/components/sources/source-overview";
import { pageActor } from "@/lib/auth/page-actor";
import { listRecentRuns } from "@/lib/runs/list-runs";
import { listSources } from "@/lib/sources/list-sources";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  await pageActor();
  const [sources, runs] = await Promise.all([listSources(), listRecentRuns(10)]);
  return (
    <>
      <h1>Overview</h1>
      {sources.length === 0 ? (
        <p className="panel empty">
          No sources yet. <Link href="/sources/new">Add a source</Link> to connect the database you want to sync from.
        </p>
      ) : (
        sources.map((source) => <SourceOverview key={source.id} source={source} />)
      )}
      <section className="panel">
        <h2>Last runs</h2>
        <RecentRuns runs={runs} />
      </section>
    </>
  );
}
