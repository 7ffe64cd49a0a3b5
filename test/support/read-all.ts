import type { ResultPage } from "../../lib/connectors/types";

/** Drains a connector read: its columns, every row, and the size of each page. */
export async function readAll(pages: AsyncIterable<ResultPage>) {
  let columns: string[] = [];
  const rows: unknown[][] = [];
  const pageSizes: number[] = [];
  for await (const page of pages) {
    columns = page.columns;
    rows.push(...page.rows);
    pageSizes.push(page.rows.length);
  }
  return { columns, rows, pageSizes };
}

/** The rows of a read as objects keyed by column name. */
export async function readObjects(pages: AsyncIterable<ResultPage>) {
  const { columns, rows } = await readAll(pages);
  return rows.map((row) => Object.fromEntries(columns.map((column, index) => [column, row[index]])));
}
