// The map stage of a mixed sync: each row's `type` column picks its call type, and the row is then
// mapped by that type's column plan and compiled mapper (map.ts), exactly as a sync of that type
// maps it. The type column itself is not sent.
import type { Envelope } from "../../calls/envelope";
import type { JsonWriter } from "../../calls/json-writer";
import { CALL_TYPES, type TCallType } from "../call-types";
import { mapRow, type MapResult } from "../map-row";
import { normalizeValue } from "../normalize-value";
import { planColumns, ResultShapeError, rowFromCall, type ColumnPlan } from "../plan-columns";
import { callTypeOfJson, MIXED_TYPE_COLUMN, type TSyncType } from "../sync-types";
import { compileRowMapper, RowMapping, rowObject, type ResultMapping, type RowMapper } from "./map";

/** A mixed result's columns, planned once: where the type column is, and a column plan per call type without it. */
export type MixedColumnPlan = { typeIndex: number; typeColumn: string; plans: Record<TCallType, ColumnPlan[]> };

const TYPE_LIST = "identify, track, group, page, screen or alias";
const BY_NAME = new Map(CALL_TYPES.map((type) => [type as string, { ok: true as const, type }]));

/**
 * Finds the type column (exactly `type` first, then without regard to case, as reserved names are
 * matched: Snowflake folds unquoted aliases to TYPE) and plans the other columns once per call type.
 */
export function planMixedColumns(columns: readonly string[]): MixedColumnPlan {
  let typeIndex = columns.indexOf(MIXED_TYPE_COLUMN);
  if (typeIndex < 0) typeIndex = columns.findIndex((column) => column.toLowerCase() === MIXED_TYPE_COLUMN);
  if (typeIndex < 0) {
    throw new ResultShapeError(
      `A mixed sync needs a "${MIXED_TYPE_COLUMN}" column naming each row's call (${TYPE_LIST}); the query returned ${columns.map((column) => `"${column}"`).join(", ")}.`,
    );
  }
  const plans = Object.fromEntries(
    CALL_TYPES.map((type) => [type, planColumns(type, columns).filter((column) => column.index !== typeIndex)]),
  ) as Record<TCallType, ColumnPlan[]>;
  return { typeIndex, typeColumn: columns[typeIndex], plans };
}

/**
 * A row's call type from its type column: a call type's name, ignoring case and surrounding spaces
 * ("Track " is track); otherwise the reason the row is an error row.
 */
export function rowCallType(raw: unknown): { ok: true; type: TCallType } | { ok: false; reason: string } {
  // The hot loop: a type spelled as sent is one map lookup.
  const exact = typeof raw === "string" ? BY_NAME.get(raw) : undefined;
  if (exact) return exact;
  const value = normalizeValue(raw);
  if (value === null || (typeof value === "string" && value.trim() === "")) {
    return { ok: false, reason: `This row has no type: its ${MIXED_TYPE_COLUMN} column must name the call (${TYPE_LIST}).` };
  }
  const named = typeof value === "string" ? BY_NAME.get(value.trim().toLowerCase()) : undefined;
  if (named) return named;
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return { ok: false, reason: `Unknown type ${JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text)}: use ${TYPE_LIST}.` };
}

/** One row of a mixed result as its call, by the reference mapping (mapRow): Run Query's preview. */
export function mapMixedRow(plan: MixedColumnPlan, row: readonly unknown[], syncId: string): MapResult {
  const type = rowCallType(row[plan.typeIndex]);
  return type.ok ? mapRow(type.type, plan.plans[type.type], row, syncId) : type;
}

/** The run stage's mapping for a mixed result: the type column, then that type's compiled mapper. */
export class MixedRowMapping implements ResultMapping {
  private readonly plan: MixedColumnPlan;
  private readonly mappers: Record<TCallType, RowMapper>;

  constructor(
    readonly columns: readonly string[],
    syncId: string,
  ) {
    this.plan = planMixedColumns(columns);
    this.mappers = Object.fromEntries(CALL_TYPES.map((type) => [type, compileRowMapper(type, this.plan.plans[type], syncId)])) as Record<TCallType, RowMapper>;
  }

  write(values: readonly unknown[], out: JsonWriter): string | undefined {
    const type = rowCallType(values[this.plan.typeIndex]);
    return type.ok ? this.mappers[type.type].write(values, out) : type.reason;
  }

  rowOf(values: readonly unknown[]): Record<string, unknown> {
    return rowObject(this.columns, values);
  }

  /** As RowMapping's, with the type column back in its place: the call's type. */
  rowOfCall(envelope: Envelope, idNames: readonly string[] | undefined): Record<string, unknown> {
    if (envelope.values && idNames) return rowObject(idNames, envelope.values);
    const type = callTypeOfJson(envelope.json);
    const fromCall = rowFromCall(this.plan.plans[type], envelope.json);
    const row: Record<string, unknown> = {};
    for (const column of this.columns) row[column] = column === this.plan.typeColumn ? type : fromCall[column];
    return row;
  }
}

/** The mapping a sync's result needs: one call type's, or a mixed one. */
export function resultMapping(type: TSyncType, columns: readonly string[], syncId: string): ResultMapping {
  return type === "mixed" ? new MixedRowMapping(columns, syncId) : new RowMapping(type, columns, syncId);
}
