// After a run's end is recorded: checks the sync's alert rules and, when its state changes
// (ok → failing, failing → ok), sends one message. Never awaited by the run: it cannot fail or delay it.
import type { Db } from "../db";
import { log } from "../observability/log";
import { alertMessage } from "./alert-message";
import { getSyncAlertRules } from "./alert-settings";
import { checkRules, type TReason } from "./check-rules";
import { sendAlert } from "./send-alert";

const ENDED = new Set(["succeeded", "failed", "interrupted", "cancelled", "skipped"]);
const pending = new Set<Promise<void>>();
/** How long a shutdown waits for alerts still being sent (a slow SMTP server must not hold it). */
export const ALERTS_DEADLINE_MS = 10_000;

/** Starts the alert check of runs that ended; errors are logged, never thrown. */
export function noteRunsEnded(database: Db, runIds: readonly string[]): void {
  for (const runId of runIds) {
    const evaluation = evaluateRun(database, runId)
      .catch((error) => log().error({ err: error, runId }, "[tidewater] alert evaluation failed"))
      .finally(() => pending.delete(evaluation));
    pending.add(evaluation);
  }
}

/** Waits for the alert checks started so far (tests; a shutdown sends them out, up to a deadline). */
export async function alertsSettled(deadlineMs = Infinity): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  while (pending.size > 0 && Date.now() < deadline) {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, Math.min(deadline - Date.now(), 2 ** 31 - 1))));
    await Promise.race([Promise.all([...pending]), timeout]);
    clearTimeout(timer);
  }
}

async function evaluateRun(database: Db, runId: string): Promise<void> {
  const run = await database.syncRun.findUnique({ where: { id: runId }, include: { sync: { select: { id: true, name: true } } } });
  if (!run || !ENDED.has(run.status)) return;
  const { effective } = await getSyncAlertRules(run.syncId, database);
  const [recent, latest] = await Promise.all([
    database.syncRun.findMany({
      where: { syncId: run.syncId, status: "succeeded", id: { not: run.id }, startedAt: { lte: run.startedAt } },
      orderBy: { startedAt: "desc" },
      take: 10,
      select: { rowsRead: true },
    }),
    run.status === "skipped"
      ? database.syncRun.findMany({ where: { syncId: run.syncId, startedAt: { lte: run.startedAt } }, orderBy: [{ startedAt: "desc" }], take: effective.skippedInARow.count + 1, select: { status: true } })
      : Promise.resolve([]),
  ]);
  const skipped = latest.findIndex((other) => other.status !== "skipped");
  const reasons = checkRules(run, { recentRowsRead: recent.map((other) => other.rowsRead), skippedInARow: skipped === -1 ? latest.length : skipped }, effective);
  const next = nextState(run.status, reasons);
  if (!next || !(await changeState(database, run.syncId, next, run.id, reasons))) return;
  const channels = await database.alertChannel.findMany({ where: { enabled: true }, orderBy: { createdAt: "asc" } });
  await sendAlert(database, alertMessage(next === "failing" ? "failing" : "recovered", run.sync, run, reasons), channels);
}

/** A skipped or cancelled run that breaks no rule says nothing about health: the state stays. */
function nextState(status: string, reasons: TReason[]): "ok" | "failing" | null {
  if (reasons.length > 0) return "failing";
  return status === "skipped" || status === "cancelled" ? null : "ok";
}

/** Compare-and-set, so two processes noting runs of one sync send one message between them. */
async function changeState(database: Db, syncId: string, next: "ok" | "failing", runId: string, reasons: TReason[]): Promise<boolean> {
  const data = { state: next, runId, reasonsJson: JSON.stringify(reasons), changedAt: new Date() };
  const { count } = await database.alertState.updateMany({ where: { syncId, state: next === "ok" ? "failing" : "ok" }, data });
  if (count > 0) return true;
  if (next === "ok") return false;
  try {
    // No state yet: a sync starts healthy, so its first failure is a change.
    await database.alertState.create({ data: { syncId, ...data } });
    return true;
  } catch {
    return false; // a row exists (already failing, or created meanwhile by another process)
  }
}
