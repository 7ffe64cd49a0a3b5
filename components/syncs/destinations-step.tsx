"use client";

import Link from "next/link";
import type { TSyncDraft } from "./sync-draft";

type Props = { draft: TSyncDraft; set: (patch: Partial<TSyncDraft>) => void; errors?: string[]; destinations: { id: string; name: string; kind: string }[] };

/** Step 3: where the calls go. */
export function DestinationsStep({ draft, set, errors, destinations }: Props) {
  if (destinations.length === 0) {
    return (
      <div className="empty-state">
        <strong>No destinations yet</strong>
        Add a destination first (your draft stays in this tab), then come back to pick it.{" "}
        <Link href="/destinations/new" target="_blank">
          Add a destination
        </Link>
      </div>
    );
  }
  const toggle = (id: string, on: boolean) => set({ destinationIds: on ? [...draft.destinationIds, id] : draft.destinationIds.filter((item) => item !== id) });
  return (
    <div className="stack">
      <span className="field-label">Send the calls to</span>
      {destinations.map((destination) => (
        <label key={destination.id} className="check">
          <input type="checkbox" checked={draft.destinationIds.includes(destination.id)} onChange={(e) => toggle(destination.id, e.target.checked)} />
          <span>
            {destination.name} <span className="badge">{destination.kind}</span>
          </span>
        </label>
      ))}
      {errors?.map((message) => <span key={message} className="field-error" role="alert">{message}</span>)}
    </div>
  );
}
