import { formatDateTime } from "@/lib/format";

type Message = { id: string; type: string; messageId: string; receivedAt: Date; payload: unknown };

/** What the built-in inbox received, newest first, each call expandable to its JSON. */
export function InboxMessages({ messages }: { messages: Message[] }) {
  if (messages.length === 0) {
    return <p className="empty">Nothing received yet. Pick this inbox as a destination of a sync, or click Send test call.</p>;
  }
  return (
    <div data-testid="inbox-messages">
      {messages.map((message) => (
        <details key={message.id} className="call-item">
          <summary>
            <code>{message.type}</code>
            <span>{summarize(message.payload)}</span>
            <span className="spacer" />
            <span className="muted small">{formatDateTime(message.receivedAt)}</span>
          </summary>
          <pre className="call-json">{JSON.stringify(message.payload, null, 2)}</pre>
        </details>
      ))}
    </div>
  );
}

export function summarize(payload: unknown): string {
  const call = (payload ?? {}) as Record<string, unknown>;
  const who = call.userId ?? call.anonymousId ?? call.groupId;
  const what = call.event ?? call.name;
  return [who ? String(who) : null, what ? String(what) : null].filter(Boolean).join(" · ");
}
