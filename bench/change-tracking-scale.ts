// Scale check for change tracking (a script, not a test):
//   tsx bench/change-tracking-scale.ts [identifiers=30000000] [changedFraction=0.01] [scattered|sorted]
// Run 1 loads the snapshot as a first sync run does (every row new, classified a page of 2,000 rows
// per call, confirmed in batches of 2,500); run 2 classifies the same identifiers with a fraction
// changed, confirms those, and lists deletions. Both go through SqliteSnapshot, as the engine does.
// Rows come in a scrambled order by default, as an unordered query returns them, which is the slow
// case for a B-tree; `sorted` is a query ordered by the identifier. Prints wall and CPU time (CPU
// is the fairer figure on a shared machine) and peak RSS (sampled in the loop: a timer would not
// fire during it).
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { rowHash, rowIdentity } from "../lib/engine/change-tracking/row-hash";
import type { KeyedRow } from "../lib/engine/change-tracking/snapshot-store";
import { SqliteSnapshot } from "../lib/engine/change-tracking/sqlite-snapshot";
import { scatteredStride, userRow } from "./scattered-rows";

const total = Number(process.argv[2] ?? 30_000_000);
const changedFraction = Number(process.argv[3] ?? 0.01);
const sorted = process.argv[4] === "sorted";
const BATCH = 2_500;
const PAGE = 2_000;

let peakRss = 0;
const sampleRss = () => (peakRss = Math.max(peakRss, process.memoryUsage.rss()));

const stride = scatteredStride(total);

async function runOnce(file: string, changed: (key: number) => boolean) {
  const snapshot = SqliteSnapshot.open(file);
  const started = performance.now();
  const cpu = process.cpuUsage();
  const counts = { new: 0, changed: 0, unchanged: 0, duplicate: 0, deleted: 0 };
  let pending: KeyedRow[] = [];
  for (let first = 0; first < total; first += PAGE) {
    const page: KeyedRow[] = [];
    for (let i = first; i < Math.min(first + PAGE, total); i++) {
      const key = sorted ? i : (i * stride) % total;
      const values = userRow(key, changed(key) ? 2 : 1);
      page.push({ id: rowIdentity(values, [0])!, hash: rowHash(values) });
    }
    const changes = await snapshot.classify(page);
    for (let k = 0; k < page.length; k++) {
      const change = changes[k];
      counts[change]++;
      if (change === "new" || change === "changed") {
        pending.push(page[k]);
        if (pending.length === BATCH) {
          await snapshot.confirm(pending);
          pending = [];
        }
      }
    }
    sampleRss();
    if (first % 1_000_000 === 0 && first > 0) process.stderr.write(`  ${first / 1e6}M rows, ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
  }
  await snapshot.confirm(pending);
  const classified = performance.now();
  for await (const ids of snapshot.deletedIds()) counts.deleted += ids.length;
  await snapshot.close();
  sampleRss();
  const { user, system } = process.cpuUsage(cpu);
  return {
    counts,
    seconds: (performance.now() - started) / 1000,
    cpuSeconds: (user + system) / 1e6,
    deletedScanSeconds: (performance.now() - classified) / 1000,
  };
}


const dir = mkdtempSync(path.join(tmpdir(), "tidewater-ct-scale-"));
const file = path.join(dir, "snapshot.db");
try {
  sampleRss();
  console.log(`change tracking scale: ${total.toLocaleString("en-US")} identifiers, ${changedFraction * 100}% changed, ${sorted ? "sorted" : "scattered"} order, node ${process.version}`);
  const load = await runOnce(file, () => false);
  const size = statSync(file).size;
  console.log(`run 1 (load, all new): ${load.seconds.toFixed(1)} s (CPU ${load.cpuSeconds.toFixed(1)} s), ${Math.round(total / load.seconds).toLocaleString("en-US")} rows/s, ${JSON.stringify(load.counts)}, file ${(size / 2 ** 20).toFixed(0)} MiB`);
  const threshold = Math.round(changedFraction * 10_000);
  const diff = await runOnce(file, (key) => key % 10_000 < threshold);
  console.log(`run 2 (diff): ${diff.seconds.toFixed(1)} s (CPU ${diff.cpuSeconds.toFixed(1)} s), ${Math.round(total / diff.seconds).toLocaleString("en-US")} rows/s, deleted-id scan ${diff.deletedScanSeconds.toFixed(1)} s, ${JSON.stringify(diff.counts)}`);
  console.log(`peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MiB`);
  console.log(JSON.stringify({ identifiers: total, changedFraction, load, diff, fileBytes: size, peakRssBytes: peakRss }));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
