import { postJson } from "../../http/post-json";
import { batchBody, type Destination } from "../types";
import { httpBatchSpec, type THttpBatchConfig } from "./spec";

export const httpBatchDestination: Destination<THttpBatchConfig> = {
  spec: httpBatchSpec,
  async send(config, batch, context) {
    await postJson(`${config.url.replace(/\/+$/, "")}/v1/batch`, batchBody(batch), {
      headers: { authorization: `Basic ${Buffer.from(`${config.writeKey}:`).toString("base64")}` },
      policy: context.policy,
      signal: context.signal,
    });
  },
};
