import { z } from "zod";

export const ZListRunCallsQuerySchema = z.object({
  cursor: z.string().min(1).optional().describe("`nextCursor` of the previous page"),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type TListRunCallsQuery = z.infer<typeof ZListRunCallsQuerySchema>;
