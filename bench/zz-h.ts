import { JsonText } from "../lib/connectors/json-text";
import { rowHash, legacyRowHashes } from "../lib/engine/change-tracking/row-hash";
const rows = Array.from({ length: 100_000 }, (_, i) => [i, `user${i}@example.com`, `Ada Lovelace ${i}`, "2024-01-02T03:04:05.123Z", "1234.50", i % 2 === 0, i % 97, new JsonText(`{"plan": "pro", "tags": ["a", "b"], "score": ${i % 13}}`)]);
const salt = "identify\nid\nemail\nname\ncreated\nbalance\nactive\nlogins\nprofile";
let best = Infinity, bestMd5 = Infinity;
for (let r = 0; r < 12; r++) {
  let t = performance.now(); let x = 0;
  for (const row of rows) x += rowHash(row, salt).length;
  best = Math.min(best, performance.now() - t);
  t = performance.now();
  for (const row of rows) x += legacyRowHashes(row, salt)[0].length;
  bestMd5 = Math.min(bestMd5, performance.now() - t);
}
console.log(`best: new ${(best * 10).toFixed(0)} ns/row, md5 (+legacy jsonb) ${(bestMd5 * 10).toFixed(0)} ns/row`);
