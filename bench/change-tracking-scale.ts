// Scale check for change tracking (a script, not a test):
//   tsx bench/change-tracking-scale.ts [identifiers=30000000] [changedFraction=0.01] [scattered|sorted]
// Run 1 loads the snapshot as a first sync run does (every row new, confirmed in batches of 2,500);
// run 2 classifies the same identifiers with a fraction changed, confirms those, and lists deletions.
// Rows come in a scrambled order by default, as an unordered query returns them, which is the slow
// case for a B-tree; `sorted` is a query ordered by the identifier. Prints wall and CPU time (CPU
// is the fairer figure on a shared machine) and peak RSS (sampled in the loop: a timer would not
// fire during it).
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ChangeSnapshot, type Delivered } from "../lib/engine/change-tracking/change-snapshot";
import { rowHash, rowIdentity } from "../lib/engine/change-tracking/row-hash";

const total = Number(process.argv[2] ?? 30_000_000);
const changedFraction = Number(process.argv[3] ?? 0.01);
const sorted = process.argv[4] === "sorted";
const BATCH = 2_500;

let peakRss = 0;
const sampleRss = () => (peakRss = Math.max(peakRss, process.memoryUsage.rss()));

// A stride coprime with `total` visits every index once in a scattered order.
const stride = (() => {
  let candidate = 2_654_435_761 % total || 1;
  while (gcd(candidate, total) !== 1) candidate++;
  return candidate;
})();

function row(key: number, version: number): unknown[] {
  return [
    `user_${String(key).padStart(9, "0")}`, `user${key}@example.com`, "Ada", "Lovelace", key % 3 === 0 ? "pro" : "free", key % 97,
    (key * 7) % 1000 / 10, key % 2 === 0, "2026-11-01T10:00:00.000Z", "GB", `acct_${key % 50_000}`, version,
  ];
}

function runOnce(snapshot: ChangeSnapshot, changed: (key: number) => boolean) {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const counts = { new: 0, changed: 0, unchanged: 0, duplicate: 0, deleted: 0 };
  let pending: Delivered[] = [];
  for (let i = 0; i < total; i++) {
    const key = sorted ? i : (i * stride) % total;
    const values = row(key, changed(key) ? 2 : 1);
    const id = rowIdentity(values, [0])!;
    const hash = rowHash(values);
    const change = snapshot.classify(id, hash);
    counts[change]++;
    if (change === "new" || change === "changed") {
      pending.push({ id, hash });
      if (pending.length === BATCH) {
        snapshot.confirm(pending);
        pending = [];
      }
    }
    if (i % 10_000 === 0) sampleRss();
    if (i % 1_000_000 === 0 && i > 0) process.stderr.write(`  ${i / 1e6}M rows, ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
  }
  snapshot.confirm(pending);
  const classified = performance.now();
  for (const _ of snapshot.deletedIds()) counts.deleted++;
  snapshot.endRun();
  sampleRss();
  const { user, system } = process.cpuUsage(cpu);
  return {
    counts,
    seconds: (performance.now() - started) / 1000,
    cpuSeconds: (user + system) / 1e6,
    deletedScanSeconds: (performance.now() - classified) / 1000,
  };
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

const dir = mkdtempSync(path.join(tmpdir(), "tidewater-ct-scale-"));
const file = path.join(dir, "snapshot.db");
try {
  sampleRss();
  console.log(`change tracking scale: ${total.toLocaleString("en-US")} identifiers, ${changedFraction * 100}% changed, ${sorted ? "sorted" : "scattered"} order, node ${process.version}`);
  const snapshot = ChangeSnapshot.open(file);
  const load = runOnce(snapshot, () => false);
  const size = statSync(file).size;
  console.log(`run 1 (load, all new): ${load.seconds.toFixed(1)} s (CPU ${load.cpuSeconds.toFixed(1)} s), ${Math.round(total / load.seconds).toLocaleString("en-US")} rows/s, ${JSON.stringify(load.counts)}, file ${(size / 2 ** 20).toFixed(0)} MiB`);
  const threshold = Math.round(changedFraction * 10_000);
  const diff = runOnce(snapshot, (key) => key % 10_000 < threshold);
  console.log(`run 2 (diff): ${diff.seconds.toFixed(1)} s (CPU ${diff.cpuSeconds.toFixed(1)} s), ${Math.round(total / diff.seconds).toLocaleString("en-US")} rows/s, deleted-id scan ${diff.deletedScanSeconds.toFixed(1)} s, ${JSON.stringify(diff.counts)}`);
  snapshot.close();
  console.log(`peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MiB`);
  console.log(JSON.stringify({ identifiers: total, changedFraction, load, diff, fileBytes: size, peakRssBytes: peakRss }));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
