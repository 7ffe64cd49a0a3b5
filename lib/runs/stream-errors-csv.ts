import { db } from "../db";
import { notFound } from "../errors";
import { pagedCsvStream, SAFE_CSV_OPTIONS } from "../csv/paged-csv-stream";

const PAGE = 1_000;
const CSV_OPTIONS = { ...SAFE_CSV_OPTIONS, cast: { boolean: String, object: (value: object) => JSON.stringify(value) } };

/**
 * A run's error rows as CSV (RFC 4180 quoting by csv-stringify, formulas shown as text): row number, reason, then the row's
 * columns. Read in pages by (row number, id) — every deleted row's error has row number 0 — and
 * streamed, so a run with a million errors downloads without being held in memory.
 */
export async function streamErrorsCsv(runId: string): Promise<ReadableStream<Uint8Array>> {
  const database = db();
  if (!(await database.syncRun.findUnique({ where: { id: runId }, select: { id: true } }))) throw notFound("Run");
  const columns = await headerColumns(runId);
  let after: { rowNumber: number; id: string } | null = null;
  const readPage = async () => {
    const page = await database.runError.findMany({
      where: after ? { runId, OR: [{ rowNumber: { gt: after.rowNumber } }, { rowNumber: after.rowNumber, id: { gt: after.id } }] } : { runId },
      orderBy: [{ rowNumber: "asc" }, { id: "asc" }],
      take: PAGE,
    });
    if (page.length > 0) after = { rowNumber: page[page.length - 1].rowNumber, id: page[page.length - 1].id };
    return page.map((error) => {
      const row = JSON.parse(error.rowJson) as Record<string, unknown>;
      return [error.rowNumber, error.reason, ...columns.map((column) => row[column] ?? null)];
    });
  };
  return pagedCsvStream(["row", "reason", ...columns], readPage, PAGE, CSV_OPTIONS);
}

/**
 * The result's columns, as the run's column plan mapped them: an error on a row of the result
 * (row number 1 and up) holds every column, a deleted row's (row number 0) only its identifier.
 */
async function headerColumns(runId: string): Promise<string[]> {
  const database = db();
  const first =
    (await database.runError.findFirst({ where: { runId, rowNumber: { gt: 0 } }, orderBy: { rowNumber: "asc" } })) ??
    (await database.runError.findFirst({ where: { runId }, orderBy: { id: "asc" } }));
  return first ? Object.keys(JSON.parse(first.rowJson) as object) : [];
}
