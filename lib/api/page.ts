import { z } from "zod";

/** A list's page: `limit` items from `cursor` (the `nextCursor` of the page before). */
export const ZPageQuerySchema = z.object({
  cursor: z.string().min(1).optional().describe("`nextCursor` of the previous page"),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type TPageQuery = z.infer<typeof ZPageQuerySchema>;

/** Prisma's arguments for one page ordered by a unique key: one row more than asked, to know whether more follow. */
export function pageArgs({ cursor, limit }: TPageQuery) {
  return { take: limit + 1, ...(cursor ? { cursor: { id: cursor } } : {}) };
}

/** A list service's arguments for a page when asked for one, or for every row (the app's own screens). */
export function pageArgsIf(page: TPageQuery | undefined) {
  return page ? pageArgs(page) : {};
}

/** The reply of a list route: the page's items under `key`, and `nextCursor`. */
export function pageReply<K extends string, T extends { id: string }>(key: K, rows: T[], page: TPageQuery) {
  const { items, nextCursor } = pageOf(rows, page);
  return { [key]: items, nextCursor } as Record<K, T[]> & { nextCursor: string | null };
}

/** The page's rows and the id that starts the next page (null on the last). */
export function pageOf<T extends { id: string }>(rows: T[], { limit }: TPageQuery): { items: T[]; nextCursor: string | null } {
  return { items: rows.slice(0, limit), nextCursor: rows.length > limit ? rows[limit].id : null };
}
