import { DEFAULT_PAGE_SIZE, type ReadOptions, type ResultPage } from "./types";

/**
 * Groups a row stream into pages of `pageSize`, stopping after `maxRows`. A result with no rows
 * still yields one empty page, so callers learn its columns. `columns` is read when a page is cut,
 * since drivers announce them just before the first row.
 */
export async function* paginate(
  rows: AsyncIterable<unknown[]>,
  columns: () => string[],
  options: Pick<ReadOptions, "pageSize" | "maxRows">,
): AsyncGenerator<ResultPage> {
  const pageSize = Math.max(1, Math.floor(options.pageSize ?? DEFAULT_PAGE_SIZE));
  let remaining = options.maxRows ?? Number.POSITIVE_INFINITY;
  let page: unknown[][] = [];
  let yielded = false;
  if (remaining > 0) {
    for await (const row of rows) {
      page.push(row);
      remaining -= 1;
      if (page.length >= pageSize || remaining <= 0) {
        yield { columns: columns(), rows: page };
        yielded = true;
        page = [];
      }
      if (remaining <= 0) break;
    }
  }
  if (page.length > 0 || !yielded) yield { columns: columns(), rows: page };
}
