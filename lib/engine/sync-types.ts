import { z } from "zod";
import { CALL_TYPE_INFO, CALL_TYPES, ZCallTypeSchema, type TCallType } from "./call-types";

/**
 * What a sync sends: one call type for every row, or `mixed`, where each row's `type` column names
 * its call. A call is never `mixed`: keep ZCallTypeSchema for calls and ZSyncTypeSchema for syncs.
 */
export const SYNC_TYPES = [...CALL_TYPES, "mixed"] as const;
export const ZSyncTypeSchema = z.enum(SYNC_TYPES, { error: "Pick a type: identify, track, group, page, screen, alias or mixed" });
export type TSyncType = z.infer<typeof ZSyncTypeSchema>;

/** The result column that names each row's call in a mixed sync. */
export const MIXED_TYPE_COLUMN = "type";

/** One line per sync type for the sync wizard, in the words of the product docs. */
export const SYNC_TYPE_INFO: Record<TSyncType, { summary: string; required: string; example?: string }> = {
  ...CALL_TYPE_INFO,
  mixed: {
    summary: "One query, every call type: each row's type column names its call, and the row follows that type's rules.",
    required: `a ${MIXED_TYPE_COLUMN} column, then what that type requires`,
    example: `SELECT 'identify' AS type, id AS "userId", NULL AS event FROM users UNION ALL SELECT 'track', user_id, event_name FROM events`,
  },
};

/**
 * The type of a call from its JSON. Every call Tidewater makes (mapRow, the compiled mapper,
 * deleted-row calls) starts with its `"type"` member, so this reads the prefix, not the whole call.
 */
export function callTypeOfJson(json: string): TCallType {
  const prefix = '{"type":"';
  if (json.startsWith(prefix)) {
    const type = json.slice(prefix.length, json.indexOf('"', prefix.length));
    if ((CALL_TYPES as readonly string[]).includes(type)) return type as TCallType;
  }
  return ZCallTypeSchema.parse((JSON.parse(json) as { type?: unknown }).type);
}
