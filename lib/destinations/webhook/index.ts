import { postJson } from "../../http/post-json";
import { batchBody, type Destination } from "../types";
import { webhookSpec, type TWebhookConfig } from "./spec";

export const webhookDestination: Destination<TWebhookConfig> = {
  spec: webhookSpec,
  async send(config, batch, context) {
    await postJson(config.url, batchBody(batch), { headers: config.headers, policy: context.policy, signal: context.signal });
  },
};
