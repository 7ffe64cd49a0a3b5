import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll } from "vitest";
import { describeSnapshotStore } from "./snapshot-store-contract.cases";
import { SqliteSnapshot } from "./sqlite-snapshot";

const dir = mkdtempSync(path.join(tmpdir(), "tidewater-sqlite-snapshot-"));
let file = "";
let count = 0;

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeSnapshotStore("SqliteSnapshot", {
  open: async () => SqliteSnapshot.open(file),
  empty: async () => {
    file = path.join(dir, `sync_${++count}.db`);
  },
});
