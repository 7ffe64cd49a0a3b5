import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { Connector, ResultPage } from "../../connectors/types";
import { readPages, RunLimitError } from "./read";

vi.mock("../limits", async (original) => ({ LIMITS: { ...(await original<typeof import("../limits")>()).LIMITS, recordsPerSync: 5 } }));

/** A connector that serves these pages for any query, noting the SQL it was given. */
function connector(pages: number[][], seen: string[] = []): Connector<Record<string, unknown>> {
  return {
    spec: { kind: "test", displayName: "Test", configSchema: z.object({}), secretKeys: [] },
    check: async () => ({ ok: true }),
    async *read(_config, sql) {
      seen.push(sql);
      for (const page of pages) yield { columns: ["id"], rows: page.map((id) => [id]) };
    },
  };
}

async function collect(pages: AsyncIterable<ResultPage>) {
  const ids: unknown[] = [];
  for await (const page of pages) ids.push(...page.rows.map((row) => row[0]));
  return ids;
}

describe("readPages", () => {
  it("fills in {{last_sync_time}} and yields the connector's pages", async () => {
    const seen: string[] = [];
    const pages = readPages({ connector: connector([[1, 2], [3]], seen), sourceConfig: {}, query: "SELECT * FROM t WHERE u > {{last_sync_time}}", lastSyncTime: 42 });
    expect(await collect(pages)).toEqual([1, 2, 3]);
    expect(seen[0]).toContain("42");
    expect(seen[0]).not.toContain("{{");
  });

  it("processes the rows within the records limit, then throws RunLimitError, even on the last page", async () => {
    const ids: unknown[] = [];
    const read = async () => {
      for await (const page of readPages({ connector: connector([[1, 2, 3], [4, 5, 6, 7]]), sourceConfig: {}, query: "SELECT 1", lastSyncTime: 0 })) {
        ids.push(...page.rows.map((row) => row[0]));
      }
    };
    await expect(read()).rejects.toThrow(RunLimitError);
    expect(ids).toEqual([1, 2, 3, 4, 5]);
  });

  it("stops at a drain, before the next page", async () => {
    const drain = new AbortController();
    const ids: unknown[] = [];
    for await (const page of readPages({ connector: connector([[1], [2], [3]]), sourceConfig: {}, query: "SELECT 1", lastSyncTime: 0, drain: drain.signal })) {
      ids.push(...page.rows.map((row) => row[0]));
      drain.abort();
    }
    expect(ids).toEqual([1]);
  });
});
