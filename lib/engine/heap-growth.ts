// A process that runs syncs lets V8's old generation grow by a quarter past what the last full
// collection left live. V8's own factor is up to 4× early in a process's life: a run promotes a few
// MB a second of short-lived state (pages, calls in flight), which then piles up to ~45 MiB of
// garbage before the first full collection. Measured on issue 15's table (1M rows, compiled): peak
// RSS 189–209 MiB → 174–185, run time unchanged (full collections of a ~40 MiB heap, every few s).
import v8 from "node:v8";

export const HEAP_GROWING_PERCENT = 25;

/**
 * Called once at start by the server (unless its role is web), the worker and the bench's engine
 * scenarios. Node warns that a flag set after start may do nothing; set here, at run time, it took
 * effect on Node 20 (peak RSS 174–178 MiB in those runs, against 181–185 with the flag on the command
 * line), as V8 consults it each time it sets the next full collection's limit.
 */
export function limitHeapGrowth() {
  v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
