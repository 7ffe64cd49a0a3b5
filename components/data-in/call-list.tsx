import { summarize } from "@/components/destinations/inbox-messages";
import { formatDateTime } from "@/lib/format";

type Call = { id: string; runId: string; syncId: string; type: string; messageId: string; receivedAt: Date; payload: unknown };

export function CallList({ calls, syncNames, filtered }: { calls: Call[]; syncNames: Record<string, string>; filtered: boolean }) {
  if (calls.length === 0) {
    return (
      <div className="empty-state">
        <strong>{filtered ? "No calls match these filters" : "No calls yet"}</strong>
        {filtered ? "Try another sync or type." : "Calls show up here once a sync has run. Enable a sync, or click Run now on a source's Syncs tab."}
      </div>
    );
  }
  return (
    <div data-testid="data-in-calls">
      {calls.map((call) => (
        <details key={call.id} className="call-item" data-testid="data-in-call">
          <summary>
            <code>{call.type}</code>
            <span>{summarize(call.payload)}</span>
            <span className="muted small">{syncNames[call.syncId] ?? "deleted sync"}</span>
            <span className="spacer" />
            <span className="muted small">{formatDateTime(call.receivedAt)}</span>
          </summary>
          <pre className="call-json">{JSON.stringify(call.payload, null, 2)}</pre>
        </details>
      ))}
    </div>
  );
}
