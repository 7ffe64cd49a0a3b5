// The engine's change-tracking stage: which rows of a page to send (new or changed since the last
// delivered run), which row errors identifiers cause, what a delivered batch confirms in the
// snapshot, and the calls sent for deleted rows.
import type { Envelope, Tracked } from "../../calls/envelope";
import { wireRowOf } from "../../connectors/known-rows";
import type { TDeletedRowsAction } from "../change-tracking/deleted-rows-action";
import { digestText } from "../change-tracking/hash-128";
import { identifierIndexes, identityValues, legacyRowHashes, rowHash, rowHashWords, rowIdentity } from "../change-tracking/row-hash";
import type { Change, KeyedRow, SnapshotStore } from "../change-tracking/snapshot-store";
import { deterministicMessageId } from "../message-id";
import { ResultShapeError } from "../plan-columns";
import type { TSyncType } from "../sync-types";

export type ChangeTrackingInput = {
  idColumns: string[];
  onDeleted: TDeletedRowsAction;
  /** The event of the track call sent for a deleted row. */
  deletedEvent?: string;
};

export type Verdict = { send: true; tracked: Tracked; change: "new" | "changed" } | { send: false; reason?: string };

const UNCHANGED: Verdict = { send: false };

/** Change tracking of one result: its identifier columns (identifierIndexes), found once, and each page's verdicts. */
export class RowTracker {
  readonly idIndexes: number[];
  readonly idNames: string[];
  private readonly salt: string;

  constructor(
    private readonly snapshot: SnapshotStore,
    idColumns: readonly string[],
    type: TSyncType,
    columns: readonly string[],
  ) {
    this.idIndexes = identifierIndexes(idColumns, columns);
    const missing = this.idIndexes.indexOf(-1);
    if (missing >= 0) {
      throw new ResultShapeError(
        `The identifier column "${idColumns[missing]}" is not in the query's result; it returned ${columns.map((column) => `"${column}"`).join(", ")}. Change the sync's identifier columns or the query.`,
      );
    }
    this.idNames = this.idIndexes.map((index) => columns[index]);
    // The call type and column names decide the call too: changing either resends every row.
    this.salt = `${type}\n${columns.join("\n")}`;
  }

  /**
   * Classifies a page of rows against the snapshot in one call; the verdicts are parallel to `rows`.
   * Unchanged rows are skipped without a reason. A row read as a WireRow (KnownRows) gets its values
   * back in `rows` unless it is unchanged.
   */
  async checkPage(rows: unknown[][]): Promise<Verdict[]> {
    const verdicts = new Array<Verdict>(rows.length);
    const keyed: KeyedRow[] = [];
    const at: number[] = [];
    /** Rows hashed by their bytes, by their index in `keyed`. */
    const byWire: boolean[] = [];
    const { rowByRow } = this.snapshot;
    const answered: Change[] = [];
    for (let i = 0; i < rows.length; i++) {
      // A row known by its bytes has only its identifier columns: all a repeat's error can show.
      const wire = wireRowOf(rows[i]);
      if (wire) rows[i] = wire.values;
      // A row whose hash the snapshot holds needs neither its identity nor its hash's text.
      const hashWords = rowByRow && !wire ? rowHashWords(rows[i], this.salt) : undefined;
      const known = wire && wire.slot >= 0 ? rowByRow!.knownSlot(wire.slot) : hashWords && rowByRow!.knownRow(hashWords);
      if (known === "unchanged") {
        verdicts[i] = UNCHANGED;
        continue;
      }
      const id = rowIdentity(rows[i], this.idIndexes);
      if (id === null) {
        verdicts[i] = { send: false, reason: `The identifier column(s) ${this.quotedNames()} are empty in this row.` };
        continue;
      }
      if (known === "duplicate") {
        verdicts[i] = this.duplicate(id);
        continue;
      }
      const row = { id, hash: wire ? wire.hash : hashWords ? digestText(hashWords) : rowHash(rows[i], this.salt) };
      if (rowByRow) answered.push(rowByRow.classifyRow(row));
      byWire[keyed.length] = wire !== undefined;
      keyed.push(row);
      at.push(i);
    }
    const changes = rowByRow ? answered : keyed.length === 0 ? [] : await this.snapshot.classify(keyed);
    await this.acceptEarlierHashes(rows, keyed, at, byWire, changes);
    for (let k = 0; k < keyed.length; k++) {
      switch (changes[k]) {
        case "unchanged":
          verdicts[at[k]] = UNCHANGED;
          break;
        case "duplicate":
          verdicts[at[k]] = this.duplicate(keyed[k].id);
          break;
        default:
          verdicts[at[k]] = { send: true, tracked: keyed[k], change: changes[k] as "new" | "changed" };
      }
    }
    return verdicts;
  }

  /**
   * The snapshot may hold another hash of the same row: one an earlier version wrote
   * (legacyRowHashes), or for a row hashed by its bytes, the hash of its values (rowHash: a snapshot
   * written before its source's reader gave bytes). Such a row is unchanged, and its stored hash is
   * brought up to date (what was delivered is the same), so an upgrade resends nothing.
   */
  private async acceptEarlierHashes(rows: readonly (readonly unknown[])[], keyed: KeyedRow[], at: number[], byWire: boolean[], changes: Change[]) {
    const legacy = !this.snapshot.onlyCurrentHashes;
    const candidates: number[] = [];
    for (let k = 0; k < keyed.length; k++) if (changes[k] === "changed" && (legacy || byWire[k])) candidates.push(k);
    if (candidates.length === 0) return;
    const stored = await this.snapshot.storedHashes(candidates.map((k) => keyed[k].id));
    const rehashed: KeyedRow[] = [];
    for (const k of candidates) {
      const hash = stored.get(keyed[k].id);
      if (hash === undefined || !this.earlierHashes(rows[at[k]], byWire[k], legacy).includes(hash)) continue;
      changes[k] = "unchanged";
      rehashed.push(keyed[k]);
    }
    if (rehashed.length > 0 && !this.snapshot.readOnly) await this.snapshot.confirm(rehashed);
  }

  private earlierHashes(values: readonly unknown[], byWire: boolean, legacy: boolean): string[] {
    const hashes = byWire ? [rowHash(values, this.salt)] : [];
    return legacy ? hashes.concat(legacyRowHashes(values, this.salt)) : hashes;
  }

  private duplicate(id: string): Verdict {
    return { send: false, reason: `Identifier ${this.describe(id)} appears more than once in this result; only its first row is used.` };
  }

  private quotedNames(): string {
    return this.idNames.map((name) => `"${name}"`).join(", ");
  }

  private describe(id: string): string {
    const values = identityValues(id, this.idIndexes.length);
    return this.idNames.map((name, i) => `${name}=${JSON.stringify(values[i])}`).join(", ");
  }
}

/** Writes what every destination took into the snapshot: sent rows' hashes, and forgotten deletions. */
export async function confirmDelivered(snapshot: SnapshotStore, delivered: readonly Envelope[]): Promise<void> {
  const rows: KeyedRow[] = [];
  const deleted: string[] = [];
  for (const { tracked } of delivered) {
    if (!tracked) continue;
    if (tracked.deleted) deleted.push(tracked.id);
    else rows.push(tracked);
  }
  if (rows.length > 0) await snapshot.confirm(rows);
  if (deleted.length > 0) await snapshot.confirmDeleted(deleted);
}

/**
 * Identifiers in the snapshot that this result no longer has, for a run that read its whole result:
 * forgotten at once when the sync sends nothing for them, else each gets a call (`send`), forgotten
 * once that call is delivered (confirmDelivered).
 */
export async function sendDeletions(
  snapshot: SnapshotStore,
  input: ChangeTrackingInput & { syncId: string; idCount: number },
  send: (envelope: Envelope) => Promise<void>,
): Promise<void> {
  const { onDeleted } = input;
  for await (const ids of snapshot.deletedIds()) {
    if (onDeleted === "nothing") {
      await snapshot.confirmDeleted(ids);
      continue;
    }
    for (const id of ids) await send(deletionEnvelope(onDeleted, id, input.idCount, input.deletedEvent, input.syncId));
  }
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
