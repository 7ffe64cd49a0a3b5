import { z } from "zod";
import { customerioDestination } from "./customerio/index";
import { httpBatchDestination } from "./http-batch/index";
import { inboxDestination } from "./inbox/index";
import type { Destination } from "./types";
import { segmentDestination } from "./segment/index";
import { webhookDestination } from "./webhook/index";

export const DESTINATION_KINDS = ["customerio", "segment", "http-batch", "webhook", "inbox"] as const;
export const ZDestinationKindSchema = z.enum(DESTINATION_KINDS);
export type TDestinationKind = z.infer<typeof ZDestinationKindSchema>;

const destinations: Record<TDestinationKind, Destination<never>> = {
  customerio: customerioDestination,
  segment: segmentDestination,
  "http-batch": httpBatchDestination,
  webhook: webhookDestination,
  inbox: inboxDestination,
};

export function destinationFor(kind: TDestinationKind): Destination<Record<string, unknown>> {
  return destinations[kind] as unknown as Destination<Record<string, unknown>>;
}
