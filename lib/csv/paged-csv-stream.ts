import { stringify, type Options } from "csv-stringify/sync";

// Records end in CRLF, so csv-stringify would leave a bare LF unquoted: any CR or LF is quoted.
// Cells a spreadsheet would run as a formula (=, +, -, @, tab, CR) get a leading ' (OWASP).
export const SAFE_CSV_OPTIONS: Options = { record_delimiter: "\r\n", quoted_match: /[\r\n]/, escape_formulas: true };

/**
 * A CSV download read a page at a time and streamed, so a million records are never held in memory.
 * `readPage` returns the next page's records (it keeps its own cursor); a short page is the last.
 */
export function pagedCsvStream(header: unknown[], readPage: () => Promise<unknown[][]>, pageSize: number, options: Options = SAFE_CSV_OPTIONS): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(stringify([header], options)));
    },
    async pull(controller) {
      const records = await readPage();
      if (records.length > 0) controller.enqueue(encoder.encode(stringify(records, options)));
      if (records.length < pageSize) controller.close();
    },
  });
}
