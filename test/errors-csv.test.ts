// GET errors CSV: RFC 4180 quoting survives commas, quotes and newlines, and pages stream in order.
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../lib/db";
import { useFreshAppDatabase } from "./support/app-db";

let app: Db;
beforeAll(async () => {
  app = await useFreshAppDatabase();
});

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
    const records = parse(text, { columns: true }) as Record<string, string>[];
    expect(Object.keys(records[0])).toEqual(["row", "reason", "userid", "event", "note", "nested", "flag"]);
    expect(records).toHaveLength(2_500);
    expect(records.map((record) => Number(record.row))).toEqual(Array.from({ length: 2_500 }, (_, index) => index + 1));
    expect(records[1]).toEqual({ row: "2", reason: 'A track call needs an "event", really', userid: "u,1", event: 'say "hi"', note: "line one\nline two", nested: '{"a":1}', flag: "true" });
    expect(text.startsWith("row,reason,userid,event,note,nested,flag\r\n")).toBe(true);
  });

  it("gives just the header for a run without errors", async () => {
    const sync = await app.sync.findFirstOrThrow();
    const run = await app.syncRun.create({ data: { syncId: sync.id, status: "succeeded" } });
    expect(await csvOf(run.id)).toBe("row,reason\r\n");
  });
});
