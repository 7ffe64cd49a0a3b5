import { recordAudit } from "../audit/record-audit";
import { SKIPPED_WHILE_GOING } from "../engine/run-sync";
import { AppError } from "../errors";
import { jobRunner } from "../jobs/job-runner";
import type { TTriggerSync } from "./trigger-token";

export type TTriggerCaller = { name: "Trigger URL" | "dbt Cloud webhook"; detail?: Record<string, unknown> };

/**
 * Starts the run an inbound trigger asks for, with trigger "webhook". As with a schedule, a run that
 * comes due while one is going is recorded as skipped; `{{last_sync_time}}` follows the same rule as
 * every run (the start of the last successful one).
 */
export async function startTriggeredRun(sync: TTriggerSync, caller: TTriggerCaller) {
  if (!sync.enabled) throw new AppError("conflict", "This sync is disabled; enable it to run it from a trigger.");
  const run = await (await jobRunner()).runNow(sync.id, "webhook");
  if ("busy" in run) throw new AppError("conflict", run.busy);
  await recordAudit({
    actor: { type: "system", name: caller.name },
    action: "sync.trigger_run",
    resource: { type: "sync", id: sync.id, name: sync.name },
    after: { runId: run.id, status: run.status, ...caller.detail },
  });
  const message = run.status === "skipped" ? SKIPPED_WHILE_GOING : run.status === "queued" ? "The run is queued for a worker." : "The run started.";
  return { runId: run.id, status: run.status, message };
}
