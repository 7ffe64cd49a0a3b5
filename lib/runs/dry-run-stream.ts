// What both dry-run services share: the per-process limit on dry runs going at once, and the
// streamed reply (application/x-ndjson: one JSON line per event, then a summary or an error line).
import { destinationFor, type TDestinationKind } from "../destinations/registry";
import { AppError } from "../errors";
import { EXPECTED } from "../engine/perform-run";
import type { ReadOnlySnapshot } from "../engine/change-tracking/read-only-snapshot";
import { executeDryRun, type DryRunInput, type DryRunTarget } from "../engine/dry-run";
import type { TDryRunLine } from "../engine/dry-run-events";
import type { ChangeTrackingInput } from "../engine/stages/diff";
import { log } from "../observability/log";

/** Dry runs going at once in one process: each holds a source connection and reads a whole result. */
export const MAX_DRY_RUNS = 2;
/** At most this often a progress line: a result of millions of rows has thousands of pages. */
const PROGRESS_EVERY_MS = 200;

export const DRY_RUN_WHILE_RUNNING = "A run of this sync is going; start the dry run once it has finished.";

const holder = globalThis as unknown as { tidewaterDryRuns?: { going: number } };
const slots = (holder.tidewaterDryRuns ??= { going: 0 });

/** Takes one of the process's dry-run slots; the function returned gives it back (once). */
export function takeDryRunSlot(): () => void {
  if (slots.going >= MAX_DRY_RUNS) {
    throw new AppError("too_many_requests", `${MAX_DRY_RUNS} dry runs are going already; start this one once one of them has finished.`);
  }
  slots.going++;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    slots.going--;
  };
}

export function dryRunTarget(destination: { name: string; kind: TDestinationKind }): DryRunTarget {
  const { spec } = destinationFor(destination.kind);
  return { name: destination.name, displayName: spec.displayName, ...(spec.maxCallBytes !== undefined ? { maxCallBytes: spec.maxCallBytes } : {}) };
}

type Prepared = { input: Omit<DryRunInput, "signal">; close?: () => Promise<void> };

/**
 * A dry run's input with, under change tracking, the snapshot opened read-only (call it once the
 * reply has started) and closed when the run ends.
 */
export function prepareDryRun(
  input: Omit<DryRunInput, "signal" | "changeTracking">,
  changeTracking: ChangeTrackingInput | null | undefined,
  openSnapshot: () => ReadOnlySnapshot,
): Prepared {
  const snapshot = changeTracking ? openSnapshot() : undefined;
  return {
    input: { ...input, ...(changeTracking && snapshot ? { changeTracking: { ...changeTracking, snapshot } } : {}) },
    close: async () => snapshot?.close(),
  };
}

/**
 * The dry run as a streamed reply. `prepare` runs once the reply has started (opening the snapshot,
 * say); a failure there or in the run is the reply's last line. The slot is given back, and
 * `close` called, when the run ends or the caller goes away (which also cancels the query).
 */
export function dryRunResponse(prepare: () => Promise<Prepared>, release: () => void, callerGone?: AbortSignal): Response {
  const abort = new AbortController();
  const onGone = () => abort.abort(new Error("The caller went away"));
  callerGone?.addEventListener("abort", onGone, { once: true });
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const write = (line: TDryRunLine) => {
        if (abort.signal.aborted) return;
        try {
          controller.enqueue(encoder.encode(`${JSON.stringify(line)}\n`));
        } catch {
          abort.abort(new Error("The caller went away"));
        }
      };
      let progressAt = 0;
      let prepared: Prepared | undefined;
      // A first line at once: the reply starts (headers and all) before the query returns anything.
      write({ type: "progress", rowsRead: 0, calls: 0, new: 0, changed: 0, unchanged: 0, deleted: 0, invalid: 0 });
      try {
        prepared = await prepare();
        await executeDryRun({ ...prepared.input, signal: abort.signal }, (event) => {
          if (event.type === "progress") {
            if (Date.now() - progressAt < PROGRESS_EVERY_MS) return;
            progressAt = Date.now();
          }
          write(event);
        });
      } catch (error) {
        if (!abort.signal.aborted) {
          const expected = error instanceof AppError || EXPECTED.some((type) => error instanceof type);
          if (!expected) log().error({ err: error }, "[tidewater] dry run failed");
          write({ type: "error", message: expected ? (error as Error).message : "The dry run failed unexpectedly; the server log says why." });
        }
      } finally {
        await prepared?.close?.().catch((error: unknown) => log().error({ err: error }, "[tidewater] could not close a dry run's snapshot"));
        callerGone?.removeEventListener("abort", onGone);
        release();
        try {
          controller.close();
        } catch {
          // Cancelled by the caller: closed already.
        }
      }
    },
    cancel() {
      abort.abort(new Error("The caller went away"));
    },
  });
  return new Response(stream, { status: 200, headers: { "content-type": "application/x-ndjson; charset=utf-8", "cache-control": "no-store", "x-accel-buffering": "no" } });
}
