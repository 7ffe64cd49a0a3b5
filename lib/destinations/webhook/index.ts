import { postJson, RejectedError } from "../../http/post-json";
import { batchBody } from "../../calls/batch-body";
import type { Envelope } from "../../calls/envelope";
import type { DeliveryContext, Destination, Refusal } from "../types";
import { SIGNATURE_HEADER, signatureHeader } from "./sign";
import { webhookSpec, type TWebhookConfig } from "./spec";

function post(config: TWebhookConfig, body: string | Buffer, context: DeliveryContext) {
  const headers = { ...config.headers, ...(config.signingSecret ? { [SIGNATURE_HEADER]: signatureHeader(config.signingSecret, body) } : {}) };
  return postJson(config.url, body, { headers, policy: context.policy, signal: context.signal, controls: context.controls });
}

export const webhookDestination: Destination<TWebhookConfig> = {
  spec: webhookSpec,
  async send(config, batch: Envelope[], context) {
    if (config.mode === "batch") return void (await post(config, batchBody(batch), context));
    const refusals = await Promise.all(
      batch.map((envelope) =>
        post(config, envelope.json, context).then(
          () => null,
          (error: unknown) => {
            if (error instanceof RejectedError) return { envelope, reason: error.message };
            throw error;
          },
        ),
      ),
    );
    return refusals.filter((refusal): refusal is Refusal => refusal !== null);
  },
};
