import type { TAuditDiff } from "@/lib/audit/audit-diff";
import { formatDateTime } from "@/lib/format";

type Entry = {
  id: string;
  at: Date;
  action: string;
  actor: { type: string; name: string };
  resource: { type: string; id: string | null; name: string };
  diff: TAuditDiff;
};

const show = (value: unknown) => (value === null || value === undefined ? "—" : typeof value === "string" ? value : JSON.stringify(value));

export function AuditTable({ entries }: { entries: Entry[] }) {
  return (
    <table data-testid="audit-events">
      <thead>
        <tr>
          <th>When</th>
          <th>Who</th>
          <th>Action</th>
          <th>Resource</th>
          <th>Changes</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => (
          <tr key={entry.id}>
            <td>{formatDateTime(entry.at)}</td>
            <td>
              {entry.actor.name} {entry.actor.type !== "user" && <span className="muted small">({entry.actor.type})</span>}
            </td>
            <td>
              <code>{entry.action}</code>
            </td>
            <td>
              {entry.resource.type} {entry.resource.name && <strong>{entry.resource.name}</strong>}
            </td>
            <td className="small">
              {Object.entries(entry.diff).map(([path, change]) => (
                <div key={path} style={{ whiteSpace: "pre-wrap", wordBreak: "break-word" }}>
                  <code>{path}</code>: {show(change.before)} → {show(change.after)}
                </div>
              ))}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
