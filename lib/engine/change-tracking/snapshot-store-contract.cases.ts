// What every SnapshotStore must do, as tests any store runs against itself: SqliteSnapshot here,
// the PostgreSQL store with `describeSnapshotStore("…", …)` in its own test file.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { KeyedRow, SnapshotStore } from "./snapshot-store";

export type SnapshotStoreFactory = {
  /** Opens the snapshot of one sync for a run; each test starts with an empty snapshot. */
  open(): Promise<SnapshotStore>;
  /** Before each test: an empty snapshot. */
  empty(): Promise<void>;
};

const row = (id: string, hash = "h1"): KeyedRow => ({ id, hash });

async function allDeleted(store: SnapshotStore): Promise<string[][]> {
  const pages: string[][] = [];
  for await (const ids of store.deletedIds()) pages.push(ids);
  return pages;
}

export function describeSnapshotStore(name: string, factory: SnapshotStoreFactory) {
  describe(`${name} (SnapshotStore)`, () => {
    let store: SnapshotStore;

    /** Ends this run and starts the next. */
    async function nextRun() {
      await store.close();
      store = await factory.open();
    }

    beforeEach(async () => {
      await factory.empty();
      store = await factory.open();
    });

    afterEach(() => store.close());

    it("tells the stored hash of the ids it holds", async () => {
      await store.classify([row("a"), row("b")]);
      await store.confirm([row("a", "h9")]);
      expect(await store.storedHashes(["a", "b", "z"])).toEqual(new Map([["a", "h9"]]));
    });

    it("classifies a page in one call, parallel to it, a repeated id as a duplicate", async () => {
      expect(await store.classify([row("a"), row("b"), row("a", "other")])).toEqual(["new", "new", "duplicate"]);
      expect(await store.classify([row("b")])).toEqual(["duplicate"]);
      expect(await store.classify([])).toEqual([]);
    });

    it("keeps only confirmed rows: unchanged when the hash is the same, changed when not, new when never confirmed", async () => {
      await store.classify([row("a"), row("b"), row("c")]);
      await store.confirm([row("a"), row("b")]);
      await nextRun();
      expect(await store.classify([row("a"), row("b", "h2"), row("c")])).toEqual(["unchanged", "changed", "new"]);
      expect(await store.classify([row("a")])).toEqual(["duplicate"]);
    });

    it("lists snapshot ids the run did not see, in id order, and forgets those confirmed deleted", async () => {
      const ids = Array.from({ length: 5_000 }, (_, i) => `id_${String(i).padStart(5, "0")}`);
      await store.classify(ids.map((id) => row(id)));
      await store.confirm(ids.map((id) => row(id)));
      await nextRun();
      const kept = ids.filter((_, i) => i % 10 === 0);
      await store.classify(kept.map((id) => row(id)));
      const pages: string[][] = [];
      for await (const page of store.deletedIds()) {
        pages.push(page);
        await store.confirmDeleted(page.filter((id) => id < "id_02500")); // while iterating
      }
      const listed = pages.flat();
      expect(listed).toEqual(ids.filter((_, i) => i % 10 !== 0));
      expect(pages.every((page) => page.length > 0)).toBe(true);
      await nextRun();
      // Nothing seen in this run: every id left in the snapshot is listed.
      expect((await allDeleted(store)).flat()).toEqual(ids.filter((id, i) => i % 10 === 0 || id >= "id_02500"));
      expect(await store.classify([row("id_00001")])).toEqual(["new"]); // forgotten
    });

    it("lists a missing id even when the run saw as many ids as the snapshot held, and none when it saw them all", async () => {
      await store.classify([row("a"), row("b"), row("c")]);
      await store.confirm([row("a"), row("b"), row("c")]);
      await nextRun();
      // Three ids again, repeats and a new one among them: "b" is gone.
      expect(await store.classify([row("a"), row("c"), row("a"), row("d")])).toEqual(["unchanged", "unchanged", "duplicate", "new"]);
      await store.confirm([row("d")]);
      expect((await allDeleted(store)).flat()).toEqual(["b"]);
      await nextRun();
      await store.classify([row("d"), row("c")]);
      await store.classify([row("a", "h2"), row("b")]);
      expect((await allDeleted(store)).flat()).toEqual([]);
    });

    it("drops what a run has seen when it closes, confirmed or not", async () => {
      await store.classify([row("a")]);
      await nextRun();
      expect(await store.classify([row("a")])).toEqual(["new"]);
      expect((await allDeleted(store)).flat()).toEqual([]);
    });

    it("re-confirming a row updates its hash; a deleted then re-added id is new", async () => {
      await store.confirm([row("a")]);
      await store.confirm([row("a", "h2")]);
      await nextRun();
      expect(await store.classify([row("a", "h2")])).toEqual(["unchanged"]);
      await nextRun();
      await store.confirmDeleted(["a"]);
      await nextRun();
      expect(await store.classify([row("a", "h2")])).toEqual(["new"]);
    });
  });
}
