// The engine's change-tracking stage: which rows of a result to send (new or changed since the last
// delivered run), which row errors identifiers cause, and the calls sent for deleted rows.
import type { Envelope } from "../batch-calls";
import type { TCallType } from "../call-types";
import { deterministicMessageId } from "../message-id";
import { ResultShapeError } from "../plan-columns";
import type { ChangeSnapshot } from "./change-snapshot";
import { identityValues, rowHash, rowIdentity } from "./row-hash";

export const DELETED_ROWS_ACTIONS = ["nothing", "identify", "track"] as const;
export type TDeletedRowsAction = (typeof DELETED_ROWS_ACTIONS)[number];

export type ChangeTrackingInput = {
  /** The sync's snapshot file (snapshot-file.ts). */
  snapshotFile: string;
  idColumns: string[];
  onDeleted: TDeletedRowsAction;
  /** The event of the track call sent for a deleted row. */
  deletedEvent?: string;
};

/** What an envelope carries back to the snapshot once it is delivered. */
export type Tracked = { id: string; hash: string; deleted?: true };

export type Verdict = { send: true; tracked: Tracked } | { send: false; reason?: string };

/**
 * The result's identifier columns, decided once per result. Matched as plan-columns.ts matches
 * reserved names: exactly first, then without regard to case (PostgreSQL folds unquoted aliases).
 */
export class RowTracker {
  readonly idIndexes: number[];
  readonly idNames: string[];
  private readonly salt: string;

  constructor(
    private readonly snapshot: ChangeSnapshot,
    idColumns: readonly string[],
    type: TCallType,
    columns: readonly string[],
  ) {
    this.idIndexes = idColumns.map((name) => {
      let index = columns.indexOf(name);
      if (index < 0) index = columns.findIndex((column) => column.toLowerCase() === name.toLowerCase());
      if (index < 0) {
        throw new ResultShapeError(
          `The identifier column "${name}" is not in the query's result; it returned ${columns.map((column) => `"${column}"`).join(", ")}. Change the sync's identifier columns or the query.`,
        );
      }
      return index;
    });
    this.idNames = this.idIndexes.map((index) => columns[index]);
    // The call type and column names decide the call too: changing either resends every row.
    this.salt = `${type}\n${columns.join("\n")}`;
  }

  /** Classifies a row against the snapshot; unchanged rows are skipped without a reason. */
  check(values: readonly unknown[]): Verdict {
    const id = rowIdentity(values, this.idIndexes);
    if (id === null) return { send: false, reason: `The identifier column(s) ${this.quotedNames()} are empty in this row.` };
    const hash = rowHash(values, this.salt);
    switch (this.snapshot.classify(id, hash)) {
      case "unchanged":
        return { send: false };
      case "duplicate":
        return { send: false, reason: `Identifier ${this.describe(id)} appears more than once in this result; only its first row is used.` };
      default:
        return { send: true, tracked: { id, hash } };
    }
  }

  private quotedNames(): string {
    return this.idNames.map((name) => `"${name}"`).join(", ");
  }

  private describe(id: string): string {
    const values = identityValues(id, this.idIndexes.length);
    return this.idNames.map((name, i) => `${name}=${JSON.stringify(values[i])}`).join(", ");
  }
}

/** Writes what a destination took into the snapshot: sent rows' hashes, and forgotten deletions. */
export function confirmDelivered(snapshot: ChangeSnapshot, delivered: readonly Envelope[]): void {
  const rows: Tracked[] = [];
  const deleted: string[] = [];
  for (const { tracked } of delivered) {
    if (!tracked) continue;
    if (tracked.deleted) deleted.push(tracked.id);
    else rows.push(tracked);
  }
  snapshot.confirm(rows);
  snapshot.confirmDeleted(deleted);
}

/**
 * The call sent for an identifier gone from the result: `identify` with `traits.deleted: true`, or
 * `track` with the sync's event, both with the identifier as userId (a composite one as its values
 * joined by ":"). The messageId is derived from the call like every other, so a resend is the same call.
 */
export function deletionEnvelope(
  action: Exclude<TDeletedRowsAction, "nothing">,
  id: string,
  idCount: number,
  event: string | undefined,
  syncId: string,
): Envelope {
  const values = identityValues(id, idCount);
  const userId = values.join(":");
  const call = action === "identify" ? { type: "identify", userId, traits: { deleted: true } } : { type: "track", userId, event, properties: {} };
  const body = JSON.stringify(call);
  const messageId = deterministicMessageId(syncId, body);
  const json = `${body.slice(0, -1)},"messageId":${JSON.stringify(messageId)}}`;
  // Row number 0: the row is not in this result.
  return { rowNumber: 0, messageId, json, bytes: Buffer.byteLength(json), values, tracked: { id, hash: "", deleted: true } };
}
