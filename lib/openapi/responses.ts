// The shapes /api/v1 answers with, as they appear on the wire (ids strings, times ISO-8601 UTC).
// The OpenAPI document is generated from these; the API tests parse real responses with them.
import { z } from "zod";
import { SOURCE_KINDS } from "../connectors/registry";
import { DESTINATION_KINDS } from "../destinations/registry";
import { ROLES } from "../auth/roles";
import { CALL_TYPES } from "../engine/call-types";
import { SYNC_TYPES } from "../engine/sync-types";
import { RUN_STATUSES } from "../runs/run-status";
import { ZScheduleSchema } from "../syncs/schemas";

const id = z.string();
const key = z.string().nullable().describe("Config as code: the stable name `tidewater` files match it by; null when none was chosen");
const time = z.iso.datetime({ offset: true });

export const ZErrorResponseSchema = z
  .object({
    error: z.object({
      code: z.enum(["unauthorized", "forbidden", "not_found", "conflict", "invalid_input", "connection_failed", "query_failed", "payload_too_large", "unsupported_media_type", "too_many_requests", "internal"]),
      message: z.string().describe("Safe to show a person"),
      fields: z.record(z.string(), z.array(z.string())).optional().describe("Per field (dotted path), what is wrong with it"),
      detail: z.string().optional().describe("connection_failed: the database driver's own message"),
    }),
  });

const syncSummary = z.object({
  id,
  key,
  name: z.string(),
  type: z.enum(SYNC_TYPES),
  enabled: z.boolean(),
  frequencyMinutes: z.number().int(),
  nextRunAt: time.nullable(),
  lastSyncTime: z.number().int(),
});

export const ZSourceResponseSchema = z
  .object({ id, key, name: z.string(), kind: z.enum(SOURCE_KINDS), createdAt: time });

const nextCursor = z.string().nullable().describe("Pass as ?cursor= for the next page; null on the last page");

/** A page of a list: its items under `key`, and the cursor of the next page. */
const paged = <K extends string, T extends z.ZodType>(key: K, item: T) => z.object({ [key]: z.array(item), nextCursor } as { [P in K]: z.ZodArray<T> } & { nextCursor: typeof nextCursor });

export const ZSourceListResponseSchema = paged(
  "sources",
  ZSourceResponseSchema.extend({ databases: z.array(z.object({ id, key, name: z.string() })), syncs: z.array(syncSummary) }),
);

export const ZSourceDetailResponseSchema = ZSourceResponseSchema.extend({
  databases: z.array(
    z.object({
      id,
      key,
      name: z.string(),
      createdAt: time,
      config: z.record(z.string(), z.unknown()).describe("The settings that are not secret"),
      secretsSet: z.array(z.string()).describe("Which secret settings are stored (their values are never returned)"),
    }),
  ),
  syncs: z.array(syncSummary),
});

export const ZDatabaseResponseSchema = z.object({
  id,
  key,
  name: z.string(),
  warnings: z
    .array(
      z.object({
        code: z.enum(["user_can_write"]),
        message: z.string(),
        found: z.array(z.string()).describe("What the database says the user may change, e.g. `INSERT, UPDATE on public.people`"),
        readOnlyGrants: z.array(z.string()).describe("Statements that create a read-only user instead, as the product docs recommend"),
      }),
    )
    .describe("Saved anyway; `user_can_write` when the database user can change data"),
});

export const ZDestinationResponseSchema = z.object({ id, key, name: z.string(), kind: z.enum(DESTINATION_KINDS) });

export const ZDestinationDetailResponseSchema = ZDestinationResponseSchema.extend({
  createdAt: time,
  config: z.record(z.string(), z.unknown()).describe("The settings, without secret values"),
  secretsSet: z.array(z.string()).describe("The secret settings that have a stored value"),
});

export const ZDestinationListResponseSchema = paged("destinations", ZDestinationDetailResponseSchema);

const call = z.object({ type: z.enum(CALL_TYPES), messageId: z.string() }).catchall(z.unknown());

export const ZPreviewResponseSchema = z
  .object({
    columns: z.array(z.string()),
    rows: z.array(z.array(z.unknown())).max(100),
    calls: z.array(z.object({ row: z.number().int().describe("1-based row number"), call })),
    errors: z.array(z.object({ row: z.number().int(), reason: z.string() })),
    bytesProcessed: z.number().int().min(0).optional().describe("BigQuery only: the bytes the query will process, from its dry run"),
  });

export const ZSyncResponseSchema = z
  .object({
    id,
    key,
    sourceId: id,
    databaseId: id,
    name: z.string(),
    description: z.string(),
    type: z.enum(SYNC_TYPES).describe("The call each row becomes, or mixed: each row's type column names its call"),
    query: z.string(),
    frequencyMinutes: z.number().int().describe("The interval schedule's minutes (kept while another kind of schedule is chosen)"),
    schedule: ZScheduleSchema,
    startAt: time,
    enabled: z.boolean(),
    lastSyncTime: z.number().int().describe("Unix seconds the next run puts in place of {{last_sync_time}}"),
    nextRunAt: time.nullable(),
    createdAt: time,
    updatedAt: time,
    changeTracking: z
      .object({
        idColumns: z.array(z.string()),
        onDeleted: z.enum(["nothing", "identify", "track"]),
        deletedEvent: z.string().optional(),
      })
      .nullable()
      .describe("null: every run sends every row; else only rows new or changed since the last run, by idColumns"),
    destinationIds: z.array(id),
    retryLimit: z.number().int().describe("Runs that send a refused or undelivered row again before it is given up"),
  });

export const ZSchedulePreviewResponseSchema = z.object({ times: z.array(time).describe("The next run times, soonest first, as UTC instants") });

export const ZRunStartedResponseSchema = z.object({ id, status: z.enum(["running", "skipped"]) });

export const ZRunResponseSchema = z
  .object({
    id,
    syncId: id,
    status: z.enum(RUN_STATUSES).describe("queued: waiting for a worker; running; then succeeded, failed, cancelled, skipped (the last run was still going) or interrupted (stopped by a shutdown or a worker that died)"),
    trigger: z
      .enum(["schedule", "manual", "retry", "chain", "webhook"])
      .describe("retry: Retry failed rows (retryOfRunId names the run whose rows it sent again); chain: the sync it runs after succeeded (triggeredByRunId names that run); webhook: its trigger URL was called (dbt Cloud, an orchestrator)"),
    triggeredByRunId: id.nullable().optional().describe("chain: the run of the sync before this one whose success started it"),
    rowsRetried: z.number().int().describe("Rows of earlier runs this run sent again"),
    retryOfRunId: id.nullable().optional(),
    startedAt: time,
    finishedAt: time.nullable(),
    lastSyncTime: z.number().int().describe("The integer Unix seconds that replaced {{last_sync_time}} in this run"),
    rowsRead: z.number().int(),
    rowsSucceeded: z.number().int(),
    rowsFailed: z.number().int(),
    rowsUnchanged: z.number().int().describe("Change tracking: rows read that were the same as when last delivered, so not sent."),
    error: z.string().nullable().optional(),
    cancelRequestedAt: time.nullable().optional().describe("When Cancel run (or disabling or deleting the sync) asked a running run to stop"),
    cancelReason: z.string().nullable().optional().describe("Who or what asked, e.g. `cancelled by Ada`"),
  });

export const ZRunCallsResponseSchema = z
  .object({
    calls: z.array(z.object({ id, runId: id, syncId: id, type: z.enum(CALL_TYPES), messageId: z.string(), receivedAt: time, payload: call })),
    nextCursor,
  });

export const ZApiTokenResponseSchema = z
  .object({
    id,
    name: z.string(),
    source: z.enum(["user", "env"]).describe("env: made from TIDEWATER_API_TOKEN at start; a new value revokes it"),
    createdAt: time,
    expiresAt: time.nullable().describe("When it stops working; null for never"),
    expired: z.boolean(),
    lastUsedAt: time.nullable(),
    user: z.object({ email: z.string(), role: z.enum(ROLES) }),
  });

export const ZCreatedApiTokenResponseSchema = z
  .object({ id, name: z.string(), createdAt: time, expiresAt: time.nullable(), token: z.string().describe("Shown only this once; only its hash is stored") });

export const ZSyncPageResponseSchema = paged("syncs", ZSyncResponseSchema);

export const ZRunPageResponseSchema = paged("runs", ZRunResponseSchema);

export const ZUserResponseSchema = z.object({ id, email: z.string(), name: z.string(), role: z.enum(ROLES), createdAt: time });

export const ZInviteResponseSchema = z.object({
  id,
  email: z.string(),
  role: z.enum(ROLES),
  expiresAt: time,
  createdAt: time,
  invitedBy: z.object({ email: z.string() }),
});

export const ZCreatedInviteResponseSchema = z.object({
  email: z.string(),
  role: z.enum(ROLES),
  expiresAt: time,
  path: z.string().describe("The one-time sign-up link (relative to the app's address) to send to the person; shown only in this reply"),
});

export const ZApiTokenListResponseSchema = paged("tokens", ZApiTokenResponseSchema);

export const ZUserListResponseSchema = paged("users", ZUserResponseSchema);

export const ZInviteListResponseSchema = paged("invites", ZInviteResponseSchema);

export const ZAuditEventResponseSchema = z.object({
  id,
  at: time,
  action: z.string().describe("<resource>.<verb>, e.g. sync.update, sign_in.failed"),
  actor: z.object({ type: z.enum(["user", "token", "system", "anonymous"]), id: z.string().nullable(), name: z.string().describe("Email, token name, or the email tried") }),
  resource: z.object({ type: z.string(), id: z.string().nullable(), name: z.string() }),
  diff: z.record(z.string(), z.object({ before: z.unknown(), after: z.unknown() })).describe("Changed fields by path; secrets redacted"),
});

export const ZAuditEventListResponseSchema = paged("events", ZAuditEventResponseSchema);

/** PATCH replies of objects with secrets: whether anything changed (or would, with ?compare=true). */
const comparison = {
  changed: z.boolean().describe("false: the body equals what is stored, so nothing was (or would be) stored"),
  changedFields: z.array(z.string()).describe("The dotted paths that differ, e.g. `config.password` — names only, never values"),
};

export const ZDatabaseChangeResponseSchema = ZDatabaseResponseSchema.extend(comparison);

export const ZDestinationChangeResponseSchema = ZDestinationDetailResponseSchema.extend(comparison);
