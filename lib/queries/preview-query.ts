import { z } from "zod";
import { loadConnector, type TSourceKind } from "../connectors/registry";
import { ConnectorError } from "../connectors/types";
import { db } from "../db";
import { AppError, notFound, parseInput } from "../errors";
import { openConfig } from "../secret-config";
import type { Call } from "../engine/call-types";
import { mapRow, type MapResult } from "../engine/map-row";
import { normalizeValue } from "../engine/normalize-value";
import { planColumns, ResultShapeError } from "../engine/plan-columns";
import { mapMixedRow, planMixedColumns } from "../engine/stages/map-mixed";
import { ZSyncTypeSchema, type TSyncType } from "../engine/sync-types";
import { QueryError, substituteLastSyncTime } from "../engine/substitute-last-sync-time";

export const PREVIEW_MAX_ROWS = 100;

export const ZPreviewQuerySchema = z.object({
  databaseId: z.string().min(1, "Pick a database"),
  type: ZSyncTypeSchema,
  query: z.string().min(1, "Enter a query"),
  limit: z.coerce.number().int().min(1).max(PREVIEW_MAX_ROWS).default(PREVIEW_MAX_ROWS),
  lastSyncTime: z.coerce.number().int().min(0).default(0),
  syncId: z.string().optional(),
});

export type TPreview = {
  columns: string[];
  rows: unknown[][];
  calls: { row: number; call: Call }[];
  errors: { row: number; reason: string }[];
  /** What the query will scan, when the source says before it runs (BigQuery's dry run). */
  bytesProcessed?: number;
};

/** "Run Query": the first rows of the query and the calls they would become, nothing sent. */
export async function previewQuery(input: unknown): Promise<TPreview> {
  const { databaseId, type, query, limit, lastSyncTime, syncId } = parseInput(ZPreviewQuerySchema, input);
  const database = await db().database.findUnique({ where: { id: databaseId }, include: { source: true } });
  if (!database) throw notFound("Database");
  try {
    const connector = await loadConnector(database.source.kind as TSourceKind);
    const sql = substituteLastSyncTime(query, lastSyncTime);
    const preview: TPreview = { columns: [], rows: [], calls: [], errors: [] };
    for await (const page of connector.read(openConfig(database), sql, {
      maxRows: limit,
      timeoutMs: 60_000,
      onBytesProcessed: (bytes) => (preview.bytesProcessed = bytes),
    })) {
      preview.columns = page.columns;
      const mapOne = rowMapperFor(type, page.columns, syncId ?? "preview");
      for (const values of page.rows) {
        const row = preview.rows.push(values.map(normalizeValue));
        const result = mapOne(values);
        if (result.ok) preview.calls.push({ row, call: result.call });
        else preview.errors.push({ row, reason: result.reason });
      }
    }
    return preview;
  } catch (error) {
    if (error instanceof ConnectorError || error instanceof QueryError || error instanceof ResultShapeError) {
      throw new AppError("query_failed", error.message);
    }
    throw error;
  }
}

/** Each row's call by the reference mapping: the sync's one type, or (mixed) the row's type column. */
function rowMapperFor(type: TSyncType, columns: string[], syncId: string): (values: unknown[]) => MapResult {
  if (type === "mixed") {
    const plan = planMixedColumns(columns);
    return (values) => mapMixedRow(plan, values, syncId);
  }
  const plan = planColumns(type, columns);
  return (values) => mapRow(type, plan, values, syncId);
}
