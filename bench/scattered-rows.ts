// The rows both change-tracking scale benches feed through a snapshot: `total` users visited once
// each in a scattered order (as a warehouse result comes, not sorted by id).

/** A stride coprime with `total`: (i × stride) mod total visits every index once. */
export function scatteredStride(total: number): number {
  let candidate = 2_654_435_761 % total || 1;
  while (gcd(candidate, total) !== 1) candidate++;
  return candidate;
}

/** A user row of 12 columns; `version` changes its hash. */
export function userRow(key: number, version: number): unknown[] {
  return [
    `user_${String(key).padStart(9, "0")}`, `user${key}@example.com`, "Ada", "Lovelace", key % 3 === 0 ? "pro" : "free", key % 97,
    (key * 7) % 1000 / 10, key % 2 === 0, "2026-11-01T10:00:00.000Z", "GB", `acct_${key % 50_000}`, version,
  ];
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}
