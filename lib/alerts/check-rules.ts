import type { TAlertRules } from "./schemas";

export type TEndedRun = {
  status: string;
  startedAt: Date;
  finishedAt: Date | null;
  rowsRead: number;
  rowsFailed: number;
  error: string | null;
};

export type TRuleHistory = {
  /** rowsRead of the last successful runs before this one, newest first (at most 10). */
  recentRowsRead: number[];
  /** Runs skipped in a row up to and including this one. */
  skippedInARow: number;
};

export type TReason = { rule: keyof TAlertRules; text: string };

/** The rule needs this many earlier successful runs before a median means anything. */
export const MIN_RUNS_FOR_MEDIAN = 3;

/**
 * Which rules a run breaks. Pure: the caller loads the run, its history and the effective rules.
 * A skipped run is judged only by the skipped rule; a cancelled one by none (a person chose it).
 */
export function checkRules(run: TEndedRun, history: TRuleHistory, rules: TAlertRules): TReason[] {
  const reasons: TReason[] = [];
  if (run.status === "skipped") {
    if (rules.skippedInARow.enabled && history.skippedInARow >= rules.skippedInARow.count) {
      reasons.push({ rule: "skippedInARow", text: `${history.skippedInARow} runs in a row were skipped because the previous run was still going; the frequency may be too tight.` });
    }
    return reasons;
  }
  if (run.status === "cancelled") return reasons;
  if (rules.runFailed.enabled && (run.status === "failed" || run.status === "interrupted")) {
    reasons.push({ rule: "runFailed", text: `The run ${run.status === "failed" ? "failed" : "was interrupted"}${run.error ? `: ${run.error}` : "."}` });
  }
  if (rules.failedRowShare.enabled && run.rowsRead > 0) {
    const share = (run.rowsFailed / run.rowsRead) * 100;
    if (share > rules.failedRowShare.percent) {
      reasons.push({ rule: "failedRowShare", text: `${run.rowsFailed} of ${run.rowsRead} rows failed (${round(share)} %, over ${rules.failedRowShare.percent} %).` });
    }
  }
  if (rules.rowsReadChange.enabled && run.status === "succeeded" && history.recentRowsRead.length >= MIN_RUNS_FOR_MEDIAN) {
    const typical = median(history.recentRowsRead);
    if (typical > 0) {
      const change = ((run.rowsRead - typical) / typical) * 100;
      if (Math.abs(change) > rules.rowsReadChange.percent) {
        reasons.push({
          rule: "rowsReadChange",
          text: `The run read ${run.rowsRead} rows, ${round(Math.abs(change))} % ${change < 0 ? "fewer" : "more"} than the median of the last ${history.recentRowsRead.length} successful runs (${typical}).`,
        });
      }
    }
  }
  if (rules.duration.enabled && run.finishedAt) {
    const minutes = (run.finishedAt.getTime() - run.startedAt.getTime()) / 60_000;
    if (minutes > rules.duration.minutes) {
      reasons.push({ rule: "duration", text: `The run took ${round(minutes)} minutes, longer than ${rules.duration.minutes}.` });
    }
  }
  return reasons;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
