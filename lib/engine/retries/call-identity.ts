// Which rows a retry must stay in order with: the identifier a destination keeps its record by.
import type { Envelope } from "../../calls/envelope";

/**
 * With change tracking, the identifier columns. Otherwise profile calls by their profile id
 * (identify: userId, else anonymousId; group: groupId); event calls (track, page, screen, alias) by
 * their own messageId, since a later event never replaces an earlier one.
 */
export function callIdentity(envelope: Envelope): string {
  if (envelope.tracked) return `id:${envelope.tracked.id}`;
  const call = JSON.parse(envelope.json) as { type?: string; userId?: unknown; anonymousId?: unknown; groupId?: unknown; messageId: string };
  if (call.type === "identify") {
    if (typeof call.userId === "string" && call.userId !== "") return `user:${call.userId}`;
    if (typeof call.anonymousId === "string") return `anonymous:${call.anonymousId}`;
  }
  if (call.type === "group" && typeof call.groupId === "string") return `group:${call.groupId}`;
  return `message:${call.messageId}`;
}
