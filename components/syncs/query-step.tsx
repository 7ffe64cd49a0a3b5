"use client";

import { useState } from "react";
import { previewQueryAction } from "@/app/(dashboard)/syncs/actions";
import type { TPreview } from "@/lib/queries/preview-query";
import { ChangeTrackingFields } from "./change-tracking-fields";
import { QueryPreview } from "./query-preview";
import { SqlEditor } from "./sql-editor";
import type { TSyncDraft } from "./sync-draft";

type Props = {
  draft: TSyncDraft;
  set: (patch: Partial<TSyncDraft>) => void;
  errors?: string[];
  trackingErrors: Record<string, string[]>;
  syncId?: string;
  required: string;
};

/** Step 2, Define Query: the SQL and Run Query's preview of the rows and the calls they become. */
export function QueryStep({ draft, set, errors, trackingErrors, syncId, required }: Props) {
  const [preview, setPreview] = useState<TPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function run() {
    setBusy(true);
    setError(null);
    const result = await previewQueryAction({ databaseId: draft.databaseId, type: draft.type, query: draft.query, syncId });
    setBusy(false);
    if (result.ok) setPreview(result.data);
    else {
      setPreview(null);
      setError(result.fields ? Object.values(result.fields).flat().join(" ") || result.error : result.error);
    }
  }

  return (
    <div className="stack">
      <p className="muted" style={{ margin: 0 }} data-testid="query-hint">
        {draft.type === "mixed" ? (
          <>
            Each row&apos;s <code>type</code> column names its call (identify, track, group, page, screen or alias); the row then needs
            what that type requires, its other columns become that type&apos;s traits or properties, and the <code>type</code> column is
            not sent. A row with another type is an error row.
          </>
        ) : (
          <>
            Each row becomes one <code>{draft.type}</code> call; it needs the columns <strong>{required}</strong>. Other columns become{" "}
            {draft.type === "track" || draft.type === "page" || draft.type === "screen" ? "properties" : "traits"}.
          </>
        )}{" "}
        Use <code className="last-sync-time-token">{"{{last_sync_time}}"}</code> to read only rows changed since the last run.
      </p>
      <SqlEditor value={draft.query} onChange={(query) => set({ query })} />
      {errors?.map((message) => <span key={message} className="field-error" role="alert">{message}</span>)}
      <div className="row">
        <button type="button" className="button secondary" onClick={run} disabled={busy}>
          {busy ? "Running…" : "Run Query"}
        </button>
        <span className="muted small">Runs with {"{{last_sync_time}}"} = 0 and shows the first 100 rows.</span>
      </div>
      {error && (
        <p className="form-error" role="alert" data-testid="query-error">
          {error}
        </p>
      )}
      {preview && <QueryPreview preview={preview} />}
      <ChangeTrackingFields draft={draft} set={set} errors={trackingErrors} />
    </div>
  );
}
