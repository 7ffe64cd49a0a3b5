import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { seededRandom } from "../../../test/support/seeded-random";
import { ChangeSnapshot, type Change } from "./change-snapshot";
import { rowHash, rowIdentity } from "./row-hash";

let dir: string;
let file: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "tidewater-index-"));
  file = path.join(dir, "sync.db");
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

type Row = [id: string, version: number];

/** What a snapshot must answer, kept in a Map: the oracle the file and its index are checked against. */
class Model {
  readonly stored = new Map<string, string>();
  private seen = new Set<string>();

  classify(id: string, hash: string): Change {
    if (this.seen.has(id)) return "duplicate";
    this.seen.add(id);
    const stored = this.stored.get(id);
    return stored === undefined ? "new" : stored === hash ? "unchanged" : "changed";
  }

  deleted(): string[] {
    return [...this.stored.keys()].filter((id) => !this.seen.has(id)).sort();
  }

  endRun() {
    this.seen = new Set();
  }
}

/** One run through the engine's path (hash words first, then the file), checked row by row against the model. */
function runAndCheck(model: Model, rows: Row[], random: () => number, options: { end?: boolean } = {}) {
  const snapshot = ChangeSnapshot.open(file);
  const delivered: { id: string; hash: string }[] = [];
  for (const row of rows) {
    const id = rowIdentity(row, [0])!;
    const hash = rowHash(row);
    const expected = model.classify(id, hash);
    const change = random() < 0.5 ? snapshot.classify(id, hash) : (snapshot.knownRow(words(hash)) ?? snapshot.lookUp(id, hash));
    expect(change, `row ${id} v${row[1]}`).toBe(expected);
    // Some deliveries fail: those rows are not confirmed and must be sent again next run.
    if ((change === "new" || change === "changed") && random() < 0.9) delivered.push({ id, hash });
  }
  for (let i = 0; i < delivered.length; i += 7) {
    const batch = delivered.slice(i, i + 7);
    snapshot.confirm(batch);
    for (const { id, hash } of batch) model.stored.set(id, hash);
  }
  const deleted = [...snapshot.deletedIds()];
  expect(deleted).toEqual(model.deleted());
  const forgotten = deleted.filter(() => random() < 0.7);
  snapshot.confirmDeleted(forgotten);
  for (const id of forgotten) model.stored.delete(id);
  model.endRun();
  if (options.end === false) snapshot.close(); // as a crash would leave it: no endRun
  else {
    snapshot.endRun();
    snapshot.close();
  }
}

function words(hash: string): Int32Array {
  const bytes = Buffer.from(hash, "base64url");
  return new Int32Array([bytes.readInt32BE(0), bytes.readInt32BE(4), bytes.readInt32BE(8), bytes.readInt32BE(12)]);
}

/** A result: most ids as before, some changed, some new, some gone, a few repeated. */
function nextResult(random: () => number, versions: Map<string, number>, size: number): Row[] {
  const rows: Row[] = [];
  for (let i = 0; i < size; i++) {
    if (random() < 0.1) continue; // gone this run
    const id = `u${i}`;
    let version = versions.get(id) ?? 0;
    if (random() < 0.15) version = random() < 0.3 && version > 0 ? version - 1 : version + 1; // changed, sometimes back
    versions.set(id, version);
    rows.push([id, version]);
    if (random() < 0.03) rows.push([id, random() < 0.5 ? version : version + 7]); // a repeat
  }
  for (let i = rows.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [rows[i], rows[j]] = [rows[j], rows[i]];
  }
  return rows;
}

/** Runs of one seeded history: each run's result follows from the last, checked against the model. */
function history(seed: number) {
  const random = seededRandom(seed);
  const model = new Model();
  const versions = new Map<string, number>();
  return { model, run: (size: number, options?: { end?: boolean }) => runAndCheck(model, nextResult(random, versions, size), random, options) };
}

describe("ChangeSnapshot with its saved hash index", () => {
  it("answers as a map of the delivered rows would, run after run, through growth, failures and deletions", () => {
    const { run } = history(7);
    for (let round = 0; round < 25; round++) {
      run(40 + round * 30);
      expect(existsSync(`${file}.index`)).toBe(true);
    }
  });

  it("does not trust an index saved before a run that changed rows and never ended (a crash)", () => {
    const { run } = history(11);
    run(300);
    run(300);
    const saved = `${file}.index.saved`;
    copyFileSync(`${file}.index`, saved);
    run(300, { end: false });
    // Even put back, the older index is for an older generation of the rows.
    copyFileSync(saved, `${file}.index`);
    for (let round = 0; round < 3; round++) run(300);
  });

  it("leaves a saved index only when a run ends: a run holds it in memory and a crash leaves none", () => {
    const { model, run } = history(19);
    run(100);
    expect(existsSync(`${file}.index`)).toBe(true);
    const snapshot = ChangeSnapshot.open(file);
    snapshot.classify("u1", rowHash(["u1", 0]));
    expect(existsSync(`${file}.index`)).toBe(false);
    snapshot.close(); // a crash: no endRun
    expect(existsSync(`${file}.index`)).toBe(false);
    model.endRun();
    run(100);
    expect(existsSync(`${file}.index`)).toBe(true);
  });

  it("reads every stored hash again when the saved index is damaged or missing", () => {
    const { run } = history(13);
    run(200);
    writeFileSync(`${file}.index`, Buffer.from("not an index"));
    run(200);
    rmSync(`${file}.index`);
    run(200);
  });

  it("forgets its index with the snapshot on reset", () => {
    const { model, run } = history(17);
    run(100);
    const snapshot = ChangeSnapshot.open(file);
    snapshot.reset();
    snapshot.close();
    model.stored.clear();
    expect(existsSync(`${file}.index`)).toBe(false);
    run(100);
  });
});

describe("ChangeSnapshot's saved hash index after a commit lost to power failure", () => {
  it("is not trusted when later commits bring the rows back to as many commits as the index was saved at", () => {
    const row = (id: string, version: number) => ({ id, hash: rowHash([id, version]) });
    let snapshot = ChangeSnapshot.open(file);
    for (const id of ["u1", "u2", "u3"]) snapshot.classify(id, rowHash([id, 1]));
    snapshot.confirm([row("u1", 1), row("u2", 1), row("u3", 1)]);
    snapshot.endRun();
    snapshot.close();
    const durable = `${file}.durable`;
    copyFileSync(file, durable);

    // A run that changes u1 and saves its index, whose commit power failure then takes away.
    snapshot = ChangeSnapshot.open(file);
    expect(snapshot.classify("u1", rowHash(["u1", 2]))).toBe("changed");
    snapshot.confirm([row("u1", 2)]);
    snapshot.endRun();
    snapshot.close();
    for (const suffix of ["-wal", "-shm"]) rmSync(`${file}${suffix}`, { force: true });
    copyFileSync(durable, file);

    // A run whose result was empty: it forgets u3 without looking a row up, one commit as the lost run had.
    snapshot = ChangeSnapshot.open(file);
    expect([...snapshot.deletedIds()]).toEqual(["u1", "u2", "u3"]);
    snapshot.confirmDeleted(["u3"]);
    snapshot.endRun();
    snapshot.close();

    // u1 is stored at version 1: version 2 has not been delivered since the rows went back.
    snapshot = ChangeSnapshot.open(file);
    expect(snapshot.classify("u1", rowHash(["u1", 2]))).toBe("changed");
    snapshot.close();
  });
});
