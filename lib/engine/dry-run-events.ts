// The lines of a dry run's reply (application/x-ndjson, one JSON object a line), as zod schemas: the
// engine emits them, the API documents and the tests parse them with these.
import { z } from "zod";

export const ZDryRunCountsSchema = z.object({
  rowsRead: z.number().int().describe("Rows the query returned so far"),
  calls: z.number().int().describe("Calls a run would send (to each destination of the sync)"),
  new: z.number().int().describe("Change tracking: rows not in the snapshot of the last delivered run"),
  changed: z.number().int().describe("Change tracking: rows that differ from their last delivered version"),
  unchanged: z.number().int().describe("Change tracking: rows the same as last delivered, so not sent"),
  deleted: z.number().int().describe("Change tracking: identifiers the last delivered run had that the result no longer has"),
  invalid: z.number().int().describe("Rows a run would record as error rows"),
});
export type TDryRunCounts = z.infer<typeof ZDryRunCountsSchema>;

export const ZDryRunEventSchema = z.discriminatedUnion("type", [
  ZDryRunCountsSchema.extend({ type: z.literal("progress") }).describe("The counts so far, after each page of the result"),
  z
    .object({
      type: z.literal("call"),
      rowNumber: z.number().int().describe("The result row the call is made from; 0 for a deleted row's call"),
      deleted: z.literal(true).optional().describe("The call a run sends for a deleted row"),
      json: z.string().describe("The call exactly as a destination would receive it in the batch, messageId included"),
    })
    .describe("One of the first 20 calls"),
  z
    .object({
      type: z.literal("invalid"),
      rowNumber: z.number().int(),
      reason: z.string().describe("Why a run would make this row an error row"),
      row: z.record(z.string(), z.unknown()).describe("The row's columns"),
    })
    .describe("One of the first 100 invalid rows"),
  ZDryRunCountsSchema.extend({ type: z.literal("summary"), changeTracking: z.boolean() }).describe("The last line of a dry run that finished"),
]);
export type TDryRunEvent = z.infer<typeof ZDryRunEventSchema>;

/** A reply's line: an event, or the last line of a dry run that failed. */
export const ZDryRunLineSchema = z.union([
  ZDryRunEventSchema,
  z.object({ type: z.literal("error"), message: z.string().describe("Why the dry run stopped, as a run would record it") }).describe("The last line of a dry run that failed"),
]);
export type TDryRunLine = z.infer<typeof ZDryRunLineSchema>;
