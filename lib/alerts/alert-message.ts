// What an alert says, the same facts for every channel: the sync, the run, the reasons, the counts, a link.
import { appOrigin } from "../app-origin";
import type { TReason } from "./check-rules";

export type TAlertKind = "failing" | "recovered" | "test";

export type TAlertRun = {
  id: string;
  status: string;
  startedAt: Date;
  finishedAt: Date | null;
  rowsRead: number;
  rowsSucceeded: number;
  rowsFailed: number;
  rowsUnchanged: number;
};

export type TAlertMessage = {
  kind: TAlertKind;
  sync: { id: string; name: string };
  run: (TAlertRun & { url: string }) | null;
  reasons: TReason[];
  subject: string;
  text: string;
  html: string;
};

/** The message for every channel; its run link is on the address people open (appOrigin). */
export function alertMessage(kind: TAlertKind, sync: { id: string; name: string }, run: TAlertRun | null, reasons: TReason[]): TAlertMessage {
  const withUrl = run ? { ...run, url: `${appOrigin()}/runs/${run.id}` } : null;
  const subject =
    kind === "test"
      ? "[Tidewater] Test alert"
      : kind === "failing"
        ? `[Tidewater] Sync "${sync.name}" is failing: ${reasons.map((reason) => reason.rule).join(", ")}`
        : `[Tidewater] Sync "${sync.name}" recovered`;
  const lead =
    kind === "test"
      ? "This is a test alert from Tidewater: this channel works."
      : kind === "failing"
        ? `Sync "${sync.name}" needs attention.`
        : `Sync "${sync.name}" is healthy again.`;
  const counts = withUrl ? `Rows read ${withUrl.rowsRead}, sent ${withUrl.rowsSucceeded}, failed ${withUrl.rowsFailed}, unchanged ${withUrl.rowsUnchanged}.` : "";
  const runLine = withUrl ? `Run ${withUrl.id} (${withUrl.status}), started ${withUrl.startedAt.toISOString()}: ${withUrl.url}` : "";
  const text = [lead, ...reasons.map((reason) => `- ${reason.text}`), runLine, counts].filter(Boolean).join("\n");
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;max-width:640px;margin:24px auto;color:#0f172a">
<h2 style="margin:0 0 12px;color:${kind === "failing" ? "#b91c1c" : kind === "recovered" ? "#15803d" : "#1d4ed8"}">${escape(lead)}</h2>
${reasons.length ? `<ul>${reasons.map((reason) => `<li>${escape(reason.text)}</li>`).join("")}</ul>` : ""}
${withUrl ? `<table style="border-collapse:collapse;margin:12px 0">${[
    ["Sync", sync.name],
    ["Run", `${withUrl.id} (${withUrl.status})`],
    ["Started", withUrl.startedAt.toISOString()],
    ["Rows read", String(withUrl.rowsRead)],
    ["Rows sent", String(withUrl.rowsSucceeded)],
    ["Rows failed", String(withUrl.rowsFailed)],
    ["Rows unchanged", String(withUrl.rowsUnchanged)],
  ].map(([name, value]) => `<tr><th style="text-align:left;padding:4px 16px 4px 0">${name}</th><td>${escape(value)}</td></tr>`).join("")}</table>
<p><a href="${escape(withUrl.url)}" style="background:#1d4ed8;color:#fff;padding:8px 14px;border-radius:6px;text-decoration:none">Open the run</a></p>` : ""}
<p style="color:#64748b;font-size:12px">Sent by Tidewater. Change alert rules in Settings → Alerts or on the sync's page.</p>
</body></html>`;
  return { kind, sync, run: withUrl, reasons, subject, text, html };
}

function escape(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string);
}
