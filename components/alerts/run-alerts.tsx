import { formatDateTime } from "@/lib/format";
import { listAlertEvents } from "@/lib/alerts/list-alert-events";

/** The alerts a run set off (one per channel), sent or not: shown on the run page. */
export async function RunAlerts({ runId }: { runId: string }) {
  const events = await listAlertEvents({ runId });
  if (events.length === 0) return null;
  return (
    <section className="panel" data-testid="run-alerts">
      <h2>Alerts</h2>
      <table>
        <thead>
          <tr>
            <th>When</th>
            <th>Alert</th>
            <th>Channel</th>
            <th>Result</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => (
            <tr key={event.id}>
              <td>{formatDateTime(event.createdAt)}</td>
              <td>
                {event.subject}
                {event.reasons.map((reason) => (
                  <div key={reason.rule} className="muted small">
                    {reason.text}
                  </div>
                ))}
              </td>
              <td>{event.channelName ?? "—"}</td>
              <td>{event.status === "sent" ? "Sent" : <span className="form-error">Not sent: {event.error}</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
