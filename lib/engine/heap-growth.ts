// A process that runs syncs lets V8's old generation grow by a quarter past what the last full
// collection left live. V8's own factor is up to 4× early in a process's life: a run promotes a few
// MB a second of short-lived state (pages, calls in flight), which then piles up to ~45 MiB of
// garbage before the first full collection. Measured on issue 15's table (1M rows, compiled): peak
// RSS 189–209 MiB → 174–185, run time unchanged (full collections of a ~40 MiB heap, every few s).
import v8 from "node:v8";

export const HEAP_GROWING_PERCENT = 25;

/**
 * Called once at start by the server, the worker and the bench's engine scenarios. V8 reads the flag
 * each time it sets the next collection's limit, so setting it at run time takes effect (node's
 * warning about flags set after start is about flags read once at start).
 */
export function limitHeapGrowth() {
  v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
