import { describe, expect, it } from "vitest";
import { batchBody } from "../../calls/batch-body";
import type { Envelope } from "../../calls/envelope";
import { Batcher, DEFAULT_BATCH_LIMITS, type BatchLimits } from "./batch";

/** An envelope whose JSON really is `bytes` bytes long. */
function envelope(rowNumber: number, bytes: number): Envelope {
  const head = `{"r":${rowNumber},"messageId":"m-${rowNumber}","p":"`;
  const json = `${head}${"x".repeat(Math.max(0, bytes - head.length - 2))}"}`;
  return { rowNumber, messageId: `m-${rowNumber}`, json, bytes: Buffer.byteLength(json) };
}

/** The request body a destination sends for one batch. */
function requestBytes(batch: Envelope[]): number {
  return Buffer.byteLength(`{"batch":[${batch.map((e) => e.json).join(",")}],"sentAt":"2026-01-01T00:00:00.000Z"}`);
}

/** Adds everything, then flushes; returns the batches and how many each add returned. */
function run(limits: BatchLimits, envelopes: Envelope[]) {
  const batcher = new Batcher(limits);
  const batches: Envelope[][] = [];
  const perAdd: number[] = [];
  for (const e of envelopes) {
    const done = batcher.add(e);
    perAdd.push(done.length);
    batches.push(...done);
  }
  const rest = batcher.flush();
  if (rest) batches.push(rest);
  return { batches, perAdd, batcher };
}

const rows = (batches: Envelope[][]) => batches.map((b) => b.map((e) => e.rowNumber));

/** Small deterministic PRNG (mulberry32), so a failure reproduces. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("Batcher", () => {
  it("has the Segment / Customer.io defaults", () => {
    expect(DEFAULT_BATCH_LIMITS).toEqual({ maxCalls: 2_500, maxBytes: 500_000 });
  });

  it("test envelopes have the size they claim", () => {
    expect(envelope(7, 100).json).toHaveLength(100);
    expect(envelope(12345, 2000).bytes).toBe(2000);
  });

  it("returns nothing until a batch is full, and null from an empty flush", () => {
    const batcher = new Batcher({ maxCalls: 3, maxBytes: 1_000_000 });
    expect(batcher.flush()).toBeNull();
    expect(batcher.add(envelope(1, 50))).toEqual([]);
    expect(batcher.add(envelope(2, 50))).toEqual([]);
    expect(rows(batcher.add(envelope(3, 50)))).toEqual([[1, 2, 3]]);
    expect(batcher.flush()).toBeNull();
  });

  it("bounds batches by call count", () => {
    const { batches, perAdd } = run(
      { maxCalls: 3, maxBytes: 1_000_000 },
      Array.from({ length: 7 }, (_, i) => envelope(i + 1, 40)),
    );
    expect(rows(batches)).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
    expect(perAdd).toEqual([0, 0, 1, 0, 0, 1, 0]);
  });

  it("flush returns the remainder, then nothing", () => {
    const batcher = new Batcher({ maxCalls: 10, maxBytes: 1_000_000 });
    batcher.add(envelope(1, 20));
    batcher.add(envelope(2, 20));
    expect(rows([batcher.flush()!])).toEqual([[1, 2]]);
    expect(batcher.flush()).toBeNull();
    // And it starts afresh afterwards.
    batcher.add(envelope(3, 20));
    expect(rows([batcher.flush()!])).toEqual([[3]]);
  });

  describe("byte bound (64 bytes of request overhead + each call's bytes + 1 for its comma)", () => {
    const hundreds = (n: number) => Array.from({ length: n }, (_, i) => envelope(i + 1, 100));

    it("fits three 100-byte calls in exactly 64 + 3 × 101 = 367 bytes", () => {
      const { batches } = run({ maxCalls: 100, maxBytes: 367 }, hundreds(7));
      expect(rows(batches)).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
    });

    it("fits only two in 366 bytes", () => {
      const { batches } = run({ maxCalls: 100, maxBytes: 366 }, hundreds(5));
      expect(rows(batches)).toEqual([[1, 2], [3, 4], [5]]);
    });

    it("closes a batch when the next call would not fit, and starts the next with that call", () => {
      const batcher = new Batcher({ maxCalls: 100, maxBytes: 367 });
      expect(batcher.add(envelope(1, 100))).toEqual([]);
      expect(batcher.add(envelope(2, 100))).toEqual([]);
      expect(batcher.add(envelope(3, 100))).toEqual([]);
      expect(rows(batcher.add(envelope(4, 100)))).toEqual([[1, 2, 3]]);
      expect(rows([batcher.flush()!])).toEqual([[4]]);
    });

    it("mixes sizes: a small call still fits where a large one does not", () => {
      // 64 + 201 + 101 = 366; a 100-byte call then needs 101 more (467), a 30-byte one 31 (397).
      const { batches } = run({ maxCalls: 100, maxBytes: 400 }, [
        envelope(1, 200),
        envelope(2, 100),
        envelope(3, 30),
        envelope(4, 100),
      ]);
      expect(rows(batches)).toEqual([[1, 2, 3], [4]]);
    });

    it("sends a call larger than the byte bound on its own rather than losing it", () => {
      const { batches } = run({ maxCalls: 100, maxBytes: 300 }, [envelope(1, 50), envelope(2, 1000), envelope(3, 50)]);
      expect(rows(batches)).toEqual([[1], [2], [3]]);
    });

    it("keeps every real request body within the bound", () => {
      const { batches } = run({ maxCalls: 100, maxBytes: 367 }, hundreds(30));
      for (const batch of batches) expect(requestBytes(batch)).toBeLessThanOrEqual(367);
    });
  });

  it("with maxCalls 1 returns each call as its own batch at once", () => {
    const batcher = new Batcher({ maxCalls: 1, maxBytes: 1_000_000 });
    for (let i = 1; i <= 5; i++) expect(rows(batcher.add(envelope(i, 10 + i)))).toEqual([[i]]);
    expect(batcher.flush()).toBeNull();
  });

  it("with maxCalls 1 and a tight byte bound still returns one batch per call", () => {
    const { batches, perAdd } = run({ maxCalls: 1, maxBytes: 100 }, [envelope(1, 90), envelope(2, 90), envelope(3, 10)]);
    expect(rows(batches)).toEqual([[1], [2], [3]]);
    expect(perAdd).toEqual([1, 1, 1]);
  });

  it.each<[string, BatchLimits, number]>([
    ["default limits", DEFAULT_BATCH_LIMITS, 1],
    ["count-bound", { maxCalls: 7, maxBytes: 10_000_000 }, 2],
    ["byte-bound", { maxCalls: 10_000, maxBytes: 20_000 }, 3],
    ["both", { maxCalls: 25, maxBytes: 40_000 }, 4],
  ])("keeps 10,000 random-size calls in order, complete and within bounds (%s)", (_label, limits, seed) => {
    const next = random(seed);
    const input = Array.from({ length: 10_000 }, (_, i) => envelope(i + 1, 20 + Math.floor(next() * 3_000)));
    const { batches, perAdd } = run(limits, input);

    // Nothing lost, nothing duplicated, nothing reordered.
    expect(batches.flat().map(({ rowNumber, messageId, json, bytes }) => ({ rowNumber, messageId, json, bytes }))).toEqual(input);
    // Each batch's request body was written as the calls came, and is what they make.
    for (const batch of batches) {
      const body = JSON.parse(batchBody(batch).toString("utf8")) as { batch: unknown[]; sentAt: string };
      expect(body.batch).toEqual(batch.map((e) => JSON.parse(e.json)));
      expect(batchBody(batch)).toBe(batchBody(batch)); // closed once: retries send the same bytes
      expect(batchBody([...batch]).length).toBe(batchBody(batch).length);
    }
    expect(batches.every((b) => b.length > 0)).toBe(true);
    expect(Math.max(...perAdd)).toBeLessThanOrEqual(1);

    for (const [i, batch] of batches.entries()) {
      expect(batch.length).toBeLessThanOrEqual(limits.maxCalls);
      expect(requestBytes(batch)).toBeLessThanOrEqual(limits.maxBytes);
      // Greedy: a batch other than the last closed only because it was full.
      if (i < batches.length - 1) {
        const fullByCount = batch.length === limits.maxCalls;
        const nextCall = batches[i + 1][0];
        const fullByBytes = 64 + batch.reduce((sum, e) => sum + e.bytes + 1, 0) + nextCall.bytes + 1 > limits.maxBytes;
        expect(fullByCount || fullByBytes).toBe(true);
      }
    }
  });

  it("drops a discarded call, comma and all, and moves a call that overflows the bytes into the next batch", () => {
    const batcher = new Batcher({ maxCalls: 10, maxBytes: 300 });
    batcher.add(envelope(1, 100));
    batcher.open().json('{"half written');
    batcher.discard();
    expect(batcher.add(envelope(2, 100))).toEqual([]);
    const out = batcher.open();
    out.json(envelope(3, 100).json); // 64 + 3 × 101 > 300: row 3 opens the next batch
    const [full] = batcher.commit(3);
    const rest = batcher.flush()!;
    expect(JSON.parse(batchBody(full).toString()).batch.map((call: { r: number }) => call.r)).toEqual([1, 2]);
    expect(JSON.parse(batchBody(rest).toString()).batch.map((call: { r: number }) => call.r)).toEqual([3]);
    expect(rest[0]).toMatchObject({ rowNumber: 3, bytes: 100 });
    expect(JSON.parse(rest[0].json).r).toBe(3);
  });

  it("fills batches up to the default byte bound in bodies that never grow, so released ones are reused", () => {
    const batcher = new Batcher();
    const memory = new Set<ArrayBufferLike>();
    let batches = 0;
    for (let row = 1; row <= 20_000; row++) {
      for (const batch of batcher.add(envelope(row, 290 + (row % 37)))) {
        memory.add(batchBody(batch).buffer);
        batcher.release(batch);
        batches++;
      }
    }
    expect(batches).toBeGreaterThan(10);
    expect(memory.size).toBeLessThanOrEqual(2); // the one filling and the one taking the overflowing call
  });

  it("reuses a released batch's body for the next batch, and refuses to read or send the released one", () => {
    const batcher = new Batcher({ maxCalls: 2, maxBytes: 10_000 });
    const [first] = batcher.add(envelope(1, 100)).concat(batcher.add(envelope(2, 100)));
    const firstBody = batchBody(first);
    expect(JSON.parse(firstBody.toString()).batch).toHaveLength(2);
    batcher.release(first);
    expect(() => first[0].json).toThrow(/released/);
    expect(() => batchBody(first)).toThrow(/released/);

    const [second] = batcher.add(envelope(3, 300)).concat(batcher.add(envelope(4, 50)));
    expect(batchBody(second).buffer).toBe(firstBody.buffer); // the same memory, new content
    expect(second.map((e) => JSON.parse(e.json).r)).toEqual([3, 4]);
    expect(JSON.parse(batchBody(second).toString()).batch.map((call: { r: number }) => call.r)).toEqual([3, 4]);
  });
});
