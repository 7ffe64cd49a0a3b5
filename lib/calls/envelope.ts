// The calls Tidewater sends, as the engine hands them to destinations. A leaf module: the engine and
// lib/destinations both import it, and it imports neither.

/** Change tracking: what to write into the snapshot once every destination took the call. */
export type Tracked = { id: string; hash: string; deleted?: true };

/** A call ready to send: its row number (1-based, as users count rows) and its JSON, measured. */
export type Envelope = {
  rowNumber: number;
  messageId: string;
  json: string;
  bytes: number;
  /**
   * The identifier values of a deleted row. A result row is not kept: holding every row in flight
   * until delivery would double the engine's garbage-collection work, and the call says it all.
   */
  values?: readonly unknown[];
  tracked?: Tracked;
};
