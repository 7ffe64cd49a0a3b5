import { PAYLOAD_KEY, RESERVED_FIELDS, type TCallType } from "./call-types";
import { LIMITS } from "./limits";

/** Where one result column lands in a call: a path from the call's top level. */
export type ColumnPlan = { index: number; column: string; path: string[] };

export class ResultShapeError extends Error {}

// PostgreSQL and Redshift fold unquoted aliases to lower case (`id AS userId` arrives as "userid"),
// Snowflake to upper case, so reserved names are matched without regard to case.
const RESERVED_BY_LOWER = Object.fromEntries(
  Object.entries(RESERVED_FIELDS).map(([type, fields]) => [type, new Map([...fields].map((field) => [field.toLowerCase(), field]))]),
) as Record<TCallType, Map<string, string>>;

/**
 * Decides once per result where each column goes, so mapping a row is a loop over ready paths.
 * The type's reserved fields (and their children, like `context.ip`) stay top level; every other column goes
 * under `traits` or `properties`, and dot-notation names nest (`cart.product_name`).
 */
export function planColumns(type: TCallType, columns: readonly string[]): ColumnPlan[] {
  if (columns.length > LIMITS.columns) {
    throw new ResultShapeError(
      `The query returns ${columns.length} columns; a sync can process at most ${LIMITS.columns}.`,
    );
  }
  const payloadKey = PAYLOAD_KEY[type];
  return columns.map((column, index) => {
    if (column.length > LIMITS.columnNameChars) {
      throw new ResultShapeError(
        `Column name "${column.slice(0, 40)}…" is ${column.length} characters; the limit is ${LIMITS.columnNameChars}.`,
      );
    }
    const segments = column.split(".").filter((segment) => segment !== "");
    if (segments.length === 0) throw new ResultShapeError(`Column name "${column}" is empty.`);
    const reserved = RESERVED_BY_LOWER[type].get(segments[0].toLowerCase());
    if (reserved) return { index, column, path: [reserved, ...segments.slice(1)] };
    if (payloadKey === null) return { index, column, path: [segments[0], ...segments.slice(1)] };
    // A column already addressed to the payload (`traits.object_type_id`) is not nested twice.
    const path = segments[0] === payloadKey && segments.length > 1 ? segments.slice(1) : segments;
    return { index, column, path: [payloadKey, ...path] };
  });
}

/** The row a call was made from, as far as the call tells it: each column's value at its path. */
export function rowFromCall(plan: readonly ColumnPlan[], callJson: string): Record<string, unknown> {
  const call = JSON.parse(callJson) as Record<string, unknown>;
  const row: Record<string, unknown> = {};
  for (const { column, path } of plan) {
    let value: unknown = call;
    for (const key of path) value = value !== null && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined;
    row[column] = value ?? null;
  }
  return row;
}
