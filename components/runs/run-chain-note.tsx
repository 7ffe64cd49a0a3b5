import Link from "next/link";
import type { getRunChain } from "@/lib/runs/get-run-chain";

type Props = { run: { status: string; trigger: string; triggeredByRunId: string | null }; chain: Awaited<ReturnType<typeof getRunChain>> };

/** What started a chained run, and whether this run let the chain go on. */
export function RunChainNote({ run, chain }: Props) {
  const stopped = ["failed", "skipped", "cancelled", "interrupted"].includes(run.status) && chain.followers.length > 0;
  if (run.trigger !== "chain" && !stopped) return null;
  return (
    <p className="muted" style={{ marginBottom: "1rem" }} data-testid="run-chain">
      {run.trigger === "chain" &&
        (chain.startedBy ? (
          <>
            Started by <Link href={`/runs/${chain.startedBy.id}`}>{chain.startedBy.sync.name}&apos;s run</Link>: this sync runs after{" "}
            <Link href={`/syncs/${chain.startedBy.sync.id}`}>{chain.startedBy.sync.name}</Link> succeeds.{" "}
          </>
        ) : (
          <>Started by a run of the sync this one runs after (that run is no longer kept). </>
        ))}
      {stopped && (
        <>
          The chain stops here: {chain.followers.map((follower) => follower.name).join(", ")} did not run ({chain.followers.length === 1 ? "it runs" : "they run"} only
          after this sync succeeds).
        </>
      )}
    </p>
  );
}
