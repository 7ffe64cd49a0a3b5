// Top self-time functions of a V8 CPU profile (`node --cpu-prof`), by function and source line,
// plus the share per file:  tsx bench/profile-summary.ts bench/results/profiles/engine-1m.cpuprofile [top=25]
import { readFileSync } from "node:fs";

type ProfileNode = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };

const [file, topArg] = process.argv.slice(2);
const top = Number(topArg ?? 25);
const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));

const selfMicros = new Map<string, number>();
const fileMicros = new Map<string, number>();
let total = 0;
profile.samples.forEach((id, index) => {
  const delta = profile.timeDeltas[index] ?? 0;
  const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
  const where = shortUrl(url);
  const key = `${functionName || "(anonymous)"}  ${where}${url ? `:${lineNumber + 1}` : ""}`;
  selfMicros.set(key, (selfMicros.get(key) ?? 0) + delta);
  fileMicros.set(where || functionName, (fileMicros.get(where || functionName) ?? 0) + delta);
  total += delta;
});

const print = (title: string, entries: Map<string, number>) => {
  console.log(`\n${title} (of ${(total / 1e6).toFixed(1)} s sampled)`);
  for (const [key, micros] of [...entries].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${((100 * micros) / total).toFixed(1).padStart(5)}%  ${(micros / 1e3).toFixed(0).padStart(7)} ms  ${key}`);
  }
};
print("self time by function", selfMicros);
print("self time by file", fileMicros);

function shortUrl(url: string): string {
  return url.replace(/^file:\/\//, "").replace(/^.*\/node_modules\//, "~/").replace(/^.*\/work\/main\//, "");
}
