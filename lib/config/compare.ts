// PATCH ?compare=true on a database or a destination: what the body would change, worked out where
// the stored secrets are, so `tidewater plan` can tell an unchanged secret from a changed one
// without any secret leaving the server (only the names of the changed fields do).
import { z } from "zod";
import { auditDiff } from "../audit/audit-diff";

export const ZCompareQuerySchema = z.object({
  compare: z
    .enum(["true", "false"])
    .optional()
    .describe("true: reply only whether the body would change anything (`changed`, `changedFields`); nothing is stored and no connection is tested"),
});
export type TCompareQuery = z.infer<typeof ZCompareQuerySchema>;

export type TComparison = { changed: boolean; changedFields: string[] };

/** The dotted paths that differ (`name`, `config.password`); values never appear. */
export function compareFields(before: Record<string, unknown>, after: Record<string, unknown>): TComparison {
  const changedFields = Object.keys(auditDiff(before, after)).sort();
  return { changed: changedFields.length > 0, changedFields };
}
