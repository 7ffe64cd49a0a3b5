import { hash } from "node:crypto";

/**
 * A messageId that is the same whenever the same sync produces the same call, so a destination that
 * de-duplicates on messageId (Segment, Customer.io) sees a re-sent row once. UUID-shaped for
 * destinations that validate the format.
 */
export function deterministicMessageId(syncId: string, callJson: string): string {
  const hex = hash("sha256", `${syncId}\0${callJson}`, "hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex[16], 16) & 3) | 8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
