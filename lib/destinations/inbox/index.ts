import type { Destination } from "../types";
import { inboxSpec } from "./spec";

export const inboxDestination: Destination = {
  spec: inboxSpec,
  send: (_config, batch, context) => context.storeInbox(context.destinationId, batch),
};
