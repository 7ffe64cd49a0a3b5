// Slack's incoming webhook and the generic signed webhook: one POST each, through the guarded HTTP client.
import { signatureHeader, SIGNATURE_HEADER } from "../../destinations/webhook/sign";
import { postJson } from "../../http/post-json";
import type { UrlPolicy } from "../../http/url-guard";
import type { TAlertMessage } from "../alert-message";

const OPTIONS = { retries: 2, minDelayMs: 500, timeoutMs: 10_000 };

export async function postSlack(url: string, message: TAlertMessage, policy: UrlPolicy): Promise<void> {
  const link = message.run ? `\n<${message.run.url}|Open the run>` : "";
  await postJson(url, JSON.stringify({ text: `*${message.subject}*\n${message.text}${link}` }), { ...OPTIONS, policy });
}

/** The webhook body: `{ event, sync, run, reasons, text, sentAt }`, signed like the webhook destination. */
export function webhookBody(message: TAlertMessage, now = new Date()): string {
  return JSON.stringify({
    event: `alert.${message.kind}`,
    subject: message.subject,
    sync: message.sync,
    run: message.run,
    reasons: message.reasons,
    text: message.text,
    sentAt: now.toISOString(),
  });
}

export async function postWebhook(url: string, signingSecret: string, message: TAlertMessage, policy: UrlPolicy): Promise<void> {
  const body = webhookBody(message);
  await postJson(url, body, { ...OPTIONS, policy, headers: { [SIGNATURE_HEADER]: signatureHeader(signingSecret, body) } });
}
