import { db } from "../db";

/** A run's failed rows in row order, for the run page (the CSV download has all of them). */
export async function listRunErrors(runId: string, take = 200) {
  const rows = await db().runError.findMany({ where: { runId }, orderBy: { rowNumber: "asc" }, take });
  return rows.map((row) => ({ id: row.id, rowNumber: row.rowNumber, reason: row.reason, row: JSON.parse(row.rowJson) as Record<string, unknown> }));
}
