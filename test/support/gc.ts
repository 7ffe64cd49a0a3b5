import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

// A full collection on demand, so live memory can be told from garbage V8 has not collected yet.
setFlagsFromString("--expose-gc");
const collect = runInNewContext("gc") as () => void;

/** Collects garbage and returns the live JS heap in MB. */
export function liveHeapMb(): number {
  collect();
  return process.memoryUsage().heapUsed / (1024 * 1024);
}

export const gc = collect;
