// The engine's map stage: each row becomes its call, written straight into the batch body filling
// (compile-row-mapper.ts; validate.ts says which fields a call needs). Planned once per result, from
// its first page's columns.
import type { Envelope } from "../../calls/envelope";
import type { JsonWriter } from "../../calls/json-writer";
import type { TCallType } from "../call-types";
import { compileRowMapper, type RowMapper } from "../compile-row-mapper";
import { planColumns, rowFromCall, type ColumnPlan } from "../plan-columns";

export class RowMapping {
  private readonly plan: ColumnPlan[];
  private readonly mapper: RowMapper;

  constructor(
    type: TCallType,
    readonly columns: readonly string[],
    syncId: string,
  ) {
    this.plan = planColumns(type, columns);
    this.mapper = compileRowMapper(type, this.plan, syncId);
  }

  /** Writes the row's call into `out`; returns why the row cannot be a call instead (drop what it wrote). */
  write(values: readonly unknown[], out: JsonWriter): string | undefined {
    return this.mapper.write(values, out);
  }

  /** The row as its columns, for its row error. */
  rowOf(values: readonly unknown[]): Record<string, unknown> {
    return rowObject(this.columns, values);
  }

  /** The row a call failed for: a deleted row's identifiers, or what the call tells of its row. */
  rowOfCall(envelope: Envelope, idNames: readonly string[] | undefined): Record<string, unknown> {
    return envelope.values && idNames ? rowObject(idNames, envelope.values) : rowFromCall(this.plan, envelope.json);
  }
}

function rowObject(columns: readonly string[], values: readonly unknown[]): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  columns.forEach((column, index) => (row[column] = values[index]));
  return row;
}
