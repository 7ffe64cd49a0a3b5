import { JsonText } from "../lib/connectors/json-text";
import { rowHash, legacyRowHashes } from "../lib/engine/change-tracking/row-hash";
const rows = Array.from({ length: 100_000 }, (_, i) => [i, `user${i}@example.com`, `Ada Lovelace ${i}`, "2024-01-02T03:04:05.123Z", "1234.50", i % 2 === 0, i % 97, new JsonText(`{"plan": "pro", "tags": ["a", "b"], "score": ${i % 13}}`)]);
const salt = "identify\nid\nemail\nname\ncreated\nbalance\nactive\nlogins\nprofile";
for (let r = 0; r < 3; r++) {
  let t = performance.now(); let x = 0;
  for (const row of rows) x += rowHash(row, salt).length;
  const a = performance.now() - t;
  t = performance.now();
  for (const row of rows) x += legacyRowHashes(row, salt)[0].length;
  console.log(`new ${(a * 10).toFixed(0)} ns/row, md5 ${((performance.now() - t) * 10).toFixed(0)} ns/row`);
}
import { Hash128 } from "../lib/engine/change-tracking/hash-128";
import { canonicalJson } from "../lib/engine/change-tracking/row-hash";
import { hash } from "node:crypto";
const h = new Hash128();
for (let r = 0; r < 3; r++) {
  let t = performance.now(); let x = 0;
  for (const row of rows) { h.reset(); h.text(salt); for (const v of row) if (typeof v === "string") h.text(v); x += h.digest().length; }
  const a = performance.now() - t;
  t = performance.now();
  for (const row of rows) { h.reset(); h.text(salt); for (const v of row) if (typeof v === "string") h.text(v); }
  const b = performance.now() - t;
  t = performance.now();
  for (const row of rows) x += hash("md5", `${salt}\n${canonicalJson(row)}`, "base64url").length;
  console.log(`strings+digest ${(a * 10).toFixed(0)}, strings only ${(b * 10).toFixed(0)}, md5 canonical ${((performance.now() - t) * 10).toFixed(0)} ns/row`);
}
