// Every operation of /api/v1, declared once: the route handlers take their role, body and query
// schemas and success status from here (lib/api/with-auth.ts), and the OpenAPI document is built
// from the same entries (./document.ts). A route file passes its entry by name; test/api/openapi.test.ts
// checks that each route's entry names its own method and path.
import type { z } from "zod";
import { ZPageQuerySchema } from "../api/page";
import { ZCreateAlertChannelSchema, ZListAlertEventsQuerySchema, ZSyncAlertRulesSchema, ZUpdateAlertChannelSchema, ZUpdateWorkspaceAlertsSchema } from "../alerts/schemas";
import { ZCreateApiTokenSchema } from "../auth/api-tokens";
import { ZAuditFilterSchema, ZListAuditEventsQuerySchema } from "../audit/schemas";
import { ZCompareQuerySchema } from "../config/compare";
import { ZCreateDestinationSchema, ZListDestinationsQuerySchema, ZUpdateDestinationSchema } from "../destinations/schemas";
import { ZPreviewQuerySchema } from "../queries/preview-query";
import { ZDryRunDraftSchema } from "../runs/dry-run-draft";
import { ZListRunCallsQuerySchema, ZListRunsQuerySchema } from "../runs/schemas";
import { ZCreateDatabaseSchema, ZCreateSourceSchema, ZListSourcesQuerySchema, ZUpdateSourceSchema } from "../sources/schemas";
import { ZCreateSyncSchema, ZListSyncsQuerySchema, ZUpdateSyncSchema } from "../syncs/schemas";
import { ZDbtSecretSchema } from "../triggers/schemas";
import { ZChangeUserSchema, ZInviteUserSchema } from "../users/schemas";
import { databaseBodySchema, destinationBodySchema, type JsonSchema } from "./json-schema";
import type { TComponent } from "./components";

export type Access = "admin" | "member" | "public";
type Success = { status: 200 | 201 | 202 | 204; description: string; content?: Record<string, { schema: JsonSchema }> };
export type Operation<TBody = unknown, TQuery = unknown> = {
  method: "get" | "post" | "patch" | "delete";
  path: string;
  summary: string;
  /** Longer than a summary: what a caller needs to know beyond the schemas. */
  notes?: string;
  access: Access;
  tag: string;
  body?: z.ZodType<TBody>;
  /** Replaces the generated request body schema, where one schema per kind says more. */
  bodySchema?: () => JsonSchema;
  query?: z.ZodObject & z.ZodType<TQuery>;
  success: Success;
  /** Another reply that is not an error, e.g. 200 for a webhook event that starts nothing. */
  alsoSuccess?: Success;
  errors?: number[];
  /** What an error status means for this operation, where the general wording does not fit. */
  errorText?: Partial<Record<number, string>>;
};

const KEY_TAKEN = "Another object already has this key (error.code conflict, error.fields.key)";

/** A JSON response body of a component shape (./components.ts). */
const json = (component: TComponent) => ({ "application/json": { schema: { $ref: `#/components/schemas/${component}` } } });
/** A streamed response body: one JSON object of a component shape a line. */
const ndjson = (component: TComponent) => ({ "application/x-ndjson": { schema: { $ref: `#/components/schemas/${component}` } } });

export const OPS = {
  getSources: {
    method: "get",
    path: "/sources",
    tag: "Sources",
    summary: "List sources with their databases and syncs (?key= for the one with that key)",
    access: "member",
    query: ZListSourcesQuerySchema,
    success: { status: 200, content: json("SourceList"), description: "The sources" },
  },
  postSources: {
    method: "post",
    path: "/sources",
    tag: "Sources",
    summary: "Create a source",
    access: "admin",
    body: ZCreateSourceSchema,
    success: { status: 201, content: json("Source"), description: "The new source" },
    errors: [409],
    errorText: { 409: KEY_TAKEN },
  },
  getSourcesById: {
    method: "get",
    path: "/sources/{id}",
    tag: "Sources",
    summary: "One source with its databases (secrets only as names in secretsSet) and syncs",
    access: "member",
    success: { status: 200, content: json("SourceDetail"), description: "The source" },
  },
  patchSourcesById: {
    method: "patch",
    path: "/sources/{id}",
    tag: "Sources",
    summary: "Rename a source or change its key (its kind stays). 409 when another source has the key",
    access: "admin",
    body: ZUpdateSourceSchema,
    success: { status: 200, content: json("SourceDetail"), description: "The changed source" },
    errors: [404, 409],
    errorText: { 409: KEY_TAKEN },
  },
  deleteSourcesById: {
    method: "delete",
    path: "/sources/{id}",
    tag: "Sources",
    summary: "Delete a source with its databases and syncs (runs that are going are cancelled)",
    access: "admin",
    success: { status: 204, description: "Deleted" },
  },
  postSourcesByIdDatabases: {
    method: "post",
    path: "/sources/{id}/databases",
    tag: "Sources",
    summary: "Add a database to a source",
    notes: "The connection is tested first; when it fails nothing is stored and the reply is a 422 `connection_failed` with the driver's message in `error.detail`. `config` is per kind of source (postgres: host, port, database, user, password, sslMode — disable, require, verify-ca or verify-full — and caCertificate, PEM; an old boolean `ssl` is still read, true as require); `sshTunnel` may be given beside it.",
    access: "admin",
    body: ZCreateDatabaseSchema,
    bodySchema: databaseBodySchema,
    success: { status: 201, content: json("Database"), description: "The connection works and the database was saved" },
    errors: [404, 409],
    errorText: { 409: KEY_TAKEN },
  },
  patchSourcesByIdDatabasesDatabaseId: {
    method: "patch",
    path: "/sources/{id}/databases/{databaseId}",
    tag: "Sources",
    summary: "Change a database's name, key or settings; a secret left out or empty keeps its stored value",
    notes: "The whole `config` is given, as when the database was added; the connection is tested before anything is stored. A body equal to what is stored stores nothing (`changed: false`). With `?compare=true` nothing is stored and no connection is tested: the reply only says whether the body would change anything, and the names of the fields that would (`config.password`, never a value) — `tidewater plan` asks this way. 409 when another database of the source has the key.",
    access: "admin",
    body: ZCreateDatabaseSchema,
    bodySchema: databaseBodySchema,
    query: ZCompareQuerySchema,
    success: { status: 200, content: json("DatabaseChange"), description: "What changed (or would change, with ?compare=true)" },
    errors: [404, 409],
    errorText: { 409: KEY_TAKEN },
  },
  deleteSourcesByIdDatabasesDatabaseId: {
    method: "delete",
    path: "/sources/{id}/databases/{databaseId}",
    tag: "Sources",
    summary: "Delete a database of a source. 409 while syncs read from it (the reply names them)",
    access: "admin",
    success: { status: 204, description: "Deleted" },
    errors: [404, 409],
  },
  getDestinations: {
    method: "get",
    path: "/destinations",
    tag: "Destinations",
    summary: "List destinations (secrets only as names in secretsSet; ?key= for the one with that key)",
    access: "member",
    query: ZListDestinationsQuerySchema,
    success: { status: 200, content: json("DestinationList"), description: "The destinations" },
  },
  postDestinations: {
    method: "post",
    path: "/destinations",
    tag: "Destinations",
    summary: "Create a destination",
    notes: "`config` is per kind; each kind's schema says what it does. For example `http-batch` POSTs Segment-compatible `{\"batch\":[…],\"sentAt\":…}` to `{url}/v1/batch` with the write key as HTTP basic user, `webhook` POSTs each batch to the URL, and `inbox` keeps the calls inside Tidewater. Secret settings are stored encrypted and never returned.",
    access: "admin",
    body: ZCreateDestinationSchema,
    bodySchema: destinationBodySchema,
    success: { status: 201, content: json("Destination"), description: "The new destination" },
    errors: [409],
    errorText: { 409: KEY_TAKEN },
  },
  getDestinationsById: {
    method: "get",
    path: "/destinations/{id}",
    tag: "Destinations",
    summary: "Read a destination (secrets only as named in secretsSet)",
    access: "member",
    success: { status: 200, content: json("DestinationDetail"), description: "The destination" },
  },
  patchDestinationsById: {
    method: "patch",
    path: "/destinations/{id}",
    tag: "Destinations",
    summary: "Rename a destination, change its key or its settings; a secret left out or empty keeps its stored value",
    notes: "A body equal to what is stored stores nothing (`changed: false`). With `?compare=true` nothing is stored: the reply says whether the body would change anything and the names of the fields that would (never a value). 409 when another destination has the key.",
    access: "admin",
    body: ZUpdateDestinationSchema,
    query: ZCompareQuerySchema,
    success: { status: 200, content: json("DestinationChange"), description: "The destination, and what changed (or would change, with ?compare=true)" },
    errors: [404, 409],
    errorText: { 409: KEY_TAKEN },
  },
  deleteDestinationsById: {
    method: "delete",
    path: "/destinations/{id}",
    tag: "Destinations",
    summary: "Delete a destination; syncs that used it stop sending there (their other destinations stay)",
    access: "admin",
    success: { status: 204, description: "Deleted" },
  },
  postQueriesPreview: {
    method: "post",
    path: "/queries/preview",
    tag: "Queries",
    summary: "Preview a query",
    notes: "Runs the query and shows the calls its first rows (at most 100) would become, and why the others would fail; nothing is sent. A database error is a 422 `query_failed` with the database's message.",
    access: "member",
    body: ZPreviewQuerySchema,
    success: { status: 200, content: json("Preview"), description: "The rows, the calls and the rows that would fail" },
    errors: [404],
  },
  getSyncs: {
    method: "get",
    path: "/syncs",
    tag: "Syncs",
    summary: "List syncs, oldest first, a page at a time (?cursor=; ?key= for the one with that key)",
    access: "member",
    query: ZListSyncsQuerySchema,
    success: { status: 200, content: json("SyncPage"), description: "A page of syncs" },
  },
  postSyncs: {
    method: "post",
    path: "/syncs",
    tag: "Syncs",
    summary: "Create a sync",
    access: "member",
    body: ZCreateSyncSchema,
    success: { status: 201, content: json("Sync"), description: "The new sync" },
    errors: [404, 409],
    errorText: { 409: KEY_TAKEN },
  },
  getSyncsById: {
    method: "get",
    path: "/syncs/{id}",
    tag: "Syncs",
    summary: "Read a sync",
    access: "member",
    success: { status: 200, content: json("Sync"), description: "The sync" },
  },
  patchSyncsById: {
    method: "patch",
    path: "/syncs/{id}",
    tag: "Syncs",
    summary: "Change any fields of a sync, e.g. {\"enabled\": false}; fields left out stay as they are",
    access: "member",
    body: ZUpdateSyncSchema,
    success: { status: 200, content: json("Sync"), description: "The changed sync" },
    errors: [404, 409],
    errorText: { 409: KEY_TAKEN },
  },
  deleteSyncsById: {
    method: "delete",
    path: "/syncs/{id}",
    tag: "Syncs",
    summary: "Delete a sync and its runs (a run that is going is cancelled)",
    access: "member",
    success: { status: 204, description: "Deleted" },
  },
  postSyncsByIdReset: {
    method: "post",
    path: "/syncs/{id}/reset",
    tag: "Syncs",
    summary: "Forget the change-tracking snapshot, so the next run sends every row again. 409 while a run of the sync is going",
    access: "member",
    success: { status: 204, description: "Reset" },
    errors: [404, 409],
  },
  postSyncsByIdRuns: {
    method: "post",
    path: "/syncs/{id}/runs",
    tag: "Runs",
    summary: "Run a sync now; the run goes on after the reply (poll GET /runs/{id}). 409 while a run of the sync is going",
    access: "member",
    success: { status: 202, content: json("RunStarted"), description: "The run started" },
    errors: [409],
  },
  postSyncsByIdDryRuns: {
    method: "post",
    path: "/syncs/{id}/dry-runs",
    tag: "Runs",
    summary: "Dry run a sync: what a run would send now, sent nowhere, streamed as NDJSON. 409 while a run of the sync is going",
    notes:
      "Runs the sync's query (with the `{{last_sync_time}}` a run would use now), its mapping and, with change tracking, the diff against its snapshot, without sending anything: no destination receives a request, no run is recorded, and neither `last_sync_time` nor the snapshot moves. The reply is `application/x-ndjson`, one JSON object a line (schema DryRunLine): `progress` lines with the counts so far, a `call` line for each of the first 20 calls (its `json` is exactly what a destination would receive, messageId included), an `invalid` line for each of the first 100 rows a run would record as error rows, then one `summary` line, or an `error` line when the query or the result fails. At most 2 dry runs go at once per Tidewater process (429 beyond).",
    access: "member",
    success: { status: 200, description: "The dry run, streamed", content: ndjson("DryRunLine") },
    errors: [404, 409, 422, 429],
    errorText: {
      409: "A run of this sync is going (error.code conflict); a run may start while a dry run goes",
      422: "The sync's stored settings cannot make a run (error.code invalid_input)",
      429: "Too many dry runs are going in this process (error.code too_many_requests)",
    },
  },
  postDryRuns: {
    method: "post",
    path: "/dry-runs",
    tag: "Runs",
    summary: "Dry run a sync that is not saved yet (the wizard's step), streamed as NDJSON",
    notes:
      "As POST /syncs/{id}/dry-runs, for a sync as its first run would go: `{{last_sync_time}}` is 0 and, with change tracking, every row is new. The calls' messageIds differ from the saved sync's, which derive from its id. With `syncId` (edits of a saved sync before they are saved) it goes as that sync's next run would once they were: with its `last_sync_time` and messageIds, and its snapshot unless the identifier columns change; 409 while a run of that sync is going.",
    access: "member",
    body: ZDryRunDraftSchema,
    success: { status: 200, description: "The dry run, streamed", content: ndjson("DryRunLine") },
    errors: [404, 409, 429],
    errorText: {
      409: "`syncId` names a sync whose run is going (error.code conflict)",
      429: "Too many dry runs are going in this process (error.code too_many_requests)",
    },
  },
  getSyncsByIdRuns: {
    method: "get",
    path: "/syncs/{id}/runs",
    tag: "Runs",
    summary: "A sync's runs, newest first, a page at a time (?cursor=)",
    access: "member",
    query: ZPageQuerySchema,
    success: { status: 200, content: json("RunPage"), description: "The runs" },
  },
  getRuns: {
    method: "get",
    path: "/runs",
    tag: "Runs",
    summary: "Runs across syncs, newest first, e.g. ?status=failed&since=2026-12-01T00:00:00Z, a page at a time (?cursor=)",
    access: "member",
    query: ZListRunsQuerySchema,
    success: { status: 200, content: json("RunPage"), description: "A page of runs" },
  },
  getRunsById: {
    method: "get",
    path: "/runs/{id}",
    tag: "Runs",
    summary: "A run's status and counts",
    access: "member",
    success: { status: 200, content: json("Run"), description: "The run" },
  },
  postRunsByIdCancel: {
    method: "post",
    path: "/runs/{id}/cancel",
    tag: "Runs",
    summary: "Cancel a queued or running run. 409 once the run has ended",
    notes:
      "A queued run is cancelled at once (status `cancelled`). A running run gets a cancel request (`cancelRequestedAt`, `cancelReason`) and stops within seconds, wherever it runs; poll GET /runs/{id} until its status is `cancelled`. Batches already delivered stay delivered, and `last_sync_time` does not advance.",
    access: "member",
    success: { status: 202, content: json("Run"), description: "The run, cancelled (it was queued) or with its cancel request set (it is running)" },
    errors: [409],
    errorText: { 409: "The run has already ended (error.code conflict)" },
  },
  getRunsByIdErrorsCsv: {
    method: "get",
    path: "/runs/{id}/errors.csv",
    tag: "Runs",
    summary: "The run's error rows as CSV (row, reason, then the row's columns), streamed",
    access: "member",
    success: { status: 200, description: "RFC 4180 CSV", content: { "text/csv": { schema: { type: "string" } } } },
  },
  getRunsByIdCalls: {
    method: "get",
    path: "/runs/{id}/calls",
    tag: "Runs",
    summary: "The calls the run delivered (a bounded sample), newest first, a page at a time",
    access: "member",
    query: ZListRunCallsQuerySchema,
    success: { status: 200, content: json("RunCalls"), description: "A page of calls" },
  },
  // Row retries
  postRunsByIdRetry: {
    method: "post",
    path: "/runs/{id}/retry",
    tag: "Runs",
    summary: "Retry failed rows: start a run of only the rows this run could not deliver that still wait. 409 while a run of the sync is going, or when none wait",
    notes:
      "Rows a destination refused (or could not take) are retried by the sync's next runs anyway, up to the sync's `retryLimit`; this sends them at once. The run's trigger is `retry`, it reads no query and leaves `last_sync_time` where it was. A row is not sent again once a newer row for its identifier was sent.",
    access: "member",
    success: { status: 202, content: json("RunStarted"), description: "The run started" },
    errors: [404, 409],
    errorText: { 409: "A run of the sync is going, or no failed rows of this run wait (error.code conflict)" },
  },
  // Triggers from outside
  getSyncsByIdTrigger: {
    method: "get",
    path: "/syncs/{id}/trigger",
    tag: "Triggers",
    summary: "Whether the sync has a trigger URL, since when, and whether a dbt Cloud secret is set (never the secrets)",
    access: "member",
    success: { status: 200, content: json("SyncTrigger"), description: "The trigger's state" },
  },
  postSyncsByIdTrigger: {
    method: "post",
    path: "/syncs/{id}/trigger",
    tag: "Triggers",
    summary: "Create the sync's trigger URL, or rotate it (the old URL stops at once). The URL is shown only in this reply",
    notes: "Only the SHA-256 hash of the URL's secret is stored, so a lost URL cannot be shown again: rotate it and update the caller.",
    access: "admin",
    success: { status: 201, content: json("CreatedSyncTrigger"), description: "The trigger URL and the dbt Cloud endpoint URL, shown this once" },
  },
  patchSyncsByIdTrigger: {
    method: "patch",
    path: "/syncs/{id}/trigger",
    tag: "Triggers",
    summary: "Set or remove the dbt Cloud webhook secret that signs calls of the dbt Cloud endpoint",
    access: "admin",
    body: ZDbtSecretSchema,
    success: { status: 200, content: json("SyncTrigger"), description: "The trigger's state" },
  },
  deleteSyncsByIdTrigger: {
    method: "delete",
    path: "/syncs/{id}/trigger",
    tag: "Triggers",
    summary: "Revoke the sync's trigger URL: calls of it get 404 from now on",
    access: "admin",
    success: { status: 204, description: "Revoked" },
  },
  postTriggersByToken: {
    method: "post",
    path: "/triggers/{token}",
    tag: "Triggers",
    summary: "Run the sync this trigger URL belongs to (for Airflow, Dagster, cron or curl); the request body is not read",
    notes:
      "The secret in the path is the credential: no API token. A run that comes while one of the sync is going is recorded as skipped, as a scheduled run would be, and the reply says so (status `skipped`). `{{last_sync_time}}` is the start of the sync's last successful run, as for every run. Limits: 20 calls a minute per trigger URL, 120 per client address.",
    access: "public",
    success: { status: 202, content: json("TriggeredRun"), description: "The run started, was queued, or was skipped" },
    errors: [404, 409, 429],
    errorText: {
      404: "No trigger URL has this secret (never made, rotated or revoked)",
      409: "The sync is disabled, or Tidewater is shutting down (error.code conflict)",
      429: "Over the limit of calls per trigger URL or per address; Retry-After says when to try again (error.code too_many_requests)",
    },
  },
  postTriggersByTokenDbtCloud: {
    method: "post",
    path: "/triggers/{token}/dbt-cloud",
    tag: "Triggers",
    summary: "dbt Cloud's job webhook: runs the sync when a dbt job run completed successfully",
    notes:
      "Point a dbt Cloud webhook (event job.run.completed) at this URL and store its secret token with PATCH /syncs/{id}/trigger. The `authorization` header must be the hex HMAC-SHA256 of the raw body with that secret. Only `eventType` job.run.completed with `data.runStatus` Success starts a run; any other event gets 200 with status `ignored`. Skips, `{{last_sync_time}}` and limits as for POST /triggers/{token}.",
    access: "public",
    success: { status: 202, content: json("TriggeredRun"), description: "The run started, was queued, or was skipped" },
    alsoSuccess: { status: 200, content: json("IgnoredTrigger"), description: "A signed event that starts nothing (not a successful job.run.completed)" },
    errors: [401, 404, 409, 413, 422, 429],
    errorText: {
      401: "No dbt Cloud secret is set for the sync, or the authorization header is not the body's signature (error.code unauthorized)",
      404: "No trigger URL has this secret (never made, rotated or revoked)",
      409: "The sync is disabled, or Tidewater is shutting down (error.code conflict)",
      422: "The body is not a dbt Cloud event (error.code invalid_input)",
      429: "Over the limit of calls per trigger URL or per address; Retry-After says when to try again (error.code too_many_requests)",
    },
  },
  getTokens: {
    method: "get",
    path: "/tokens",
    tag: "API tokens",
    summary: "List API tokens (never the tokens themselves)",
    access: "admin",
    query: ZPageQuerySchema,
    success: { status: 200, content: json("ApiTokenList"), description: "The tokens" },
  },
  postTokens: {
    method: "post",
    path: "/tokens",
    tag: "API tokens",
    summary: "Create an API token acting as the caller; the token is shown in this reply only",
    access: "admin",
    body: ZCreateApiTokenSchema,
    success: { status: 201, content: json("CreatedApiToken"), description: "The new token" },
  },
  deleteTokensById: {
    method: "delete",
    path: "/tokens/{id}",
    tag: "API tokens",
    summary: "Revoke an API token",
    access: "admin",
    success: { status: 204, description: "Revoked" },
  },
  getUsers: {
    method: "get",
    path: "/users",
    tag: "Users",
    summary: "List the people who can sign in, oldest first",
    access: "admin",
    query: ZPageQuerySchema,
    success: { status: 200, content: json("UserList"), description: "The users" },
  },
  patchUsersById: {
    method: "patch",
    path: "/users/{id}",
    tag: "Users",
    summary: "Make someone an admin or a member (not yourself); it takes effect on their next request",
    access: "admin",
    body: ZChangeUserSchema,
    success: { status: 200, content: json("User"), description: "The user" },
    errors: [409],
  },
  deleteUsersById: {
    method: "delete",
    path: "/users/{id}",
    tag: "Users",
    summary: "Remove someone's account (not your own) and their API tokens",
    access: "admin",
    success: { status: 204, description: "Removed" },
    errors: [409],
  },
  getUsersInvites: {
    method: "get",
    path: "/users/invites",
    tag: "Users",
    summary: "Invitations not yet used nor expired, newest first (never their links)",
    access: "admin",
    query: ZPageQuerySchema,
    success: { status: 200, content: json("InviteList"), description: "The open invitations" },
  },
  postUsersInvites: {
    method: "post",
    path: "/users/invites",
    tag: "Users",
    summary: "Invite someone by email as an admin or a member; the reply holds the one-time sign-up link, valid 7 days",
    access: "admin",
    body: ZInviteUserSchema,
    success: { status: 201, content: json("CreatedInvite"), description: "The invitation" },
    errors: [409],
  },
  deleteUsersInvitesById: {
    method: "delete",
    path: "/users/invites/{id}",
    tag: "Users",
    summary: "Take an open invitation back: its link stops working at once",
    access: "admin",
    success: { status: 204, description: "Revoked" },
  },
  // ---- Alerts ----
  getAlertsSettings: {
    method: "get",
    path: "/alerts/settings",
    tag: "Alerts",
    summary: "The workspace's alert rules and SMTP server (its password never: only passwordSet)",
    access: "admin",
    success: { status: 200, content: json("WorkspaceAlerts"), description: "The alert settings" },
  },
  patchAlertsSettings: {
    method: "patch",
    path: "/alerts/settings",
    tag: "Alerts",
    summary: "Change the default rules (only those given) or the SMTP server (null removes it; an empty or absent password keeps the stored one)",
    access: "admin",
    body: ZUpdateWorkspaceAlertsSchema,
    success: { status: 200, content: json("WorkspaceAlerts"), description: "The changed alert settings" },
  },
  getAlertsChannels: {
    method: "get",
    path: "/alerts/channels",
    tag: "Alerts",
    summary: "List alert channels (secrets only as names in secretsSet)",
    access: "admin",
    success: { status: 200, content: json("AlertChannelList"), description: "The channels" },
  },
  postAlertsChannels: {
    method: "post",
    path: "/alerts/channels",
    tag: "Alerts",
    summary: "Add an alert channel: email, Slack (incoming-webhook URL) or a webhook signed with HMAC-SHA256",
    notes: "URLs pass the destination address policy: a loopback or private address is refused unless an admin allows private destinations in Settings.",
    access: "admin",
    body: ZCreateAlertChannelSchema,
    success: { status: 201, content: json("AlertChannel"), description: "The new channel" },
  },
  patchAlertsChannelsById: {
    method: "patch",
    path: "/alerts/channels/{id}",
    tag: "Alerts",
    summary: "Rename, switch on or off, or change an alert channel's settings; a secret left out keeps its stored value",
    access: "admin",
    body: ZUpdateAlertChannelSchema,
    success: { status: 200, content: json("AlertChannel"), description: "The changed channel" },
  },
  deleteAlertsChannelsById: {
    method: "delete",
    path: "/alerts/channels/{id}",
    tag: "Alerts",
    summary: "Delete an alert channel (its history stays)",
    access: "admin",
    success: { status: 204, description: "Deleted" },
  },
  postAlertsChannelsByIdTest: {
    method: "post",
    path: "/alerts/channels/{id}/test",
    tag: "Alerts",
    summary: "Send a test alert to one channel; a delivery failure is a 200 with status failed and the reason",
    access: "admin",
    success: { status: 200, content: json("AlertTest"), description: "What happened" },
  },
  getAlertsEvents: {
    method: "get",
    path: "/alerts/events",
    tag: "Alerts",
    summary: "Alert history, newest first: each message per channel, sent or failed, with its run (?runId=, ?syncId=)",
    access: "member",
    query: ZListAlertEventsQuerySchema,
    success: { status: 200, content: json("AlertEventList"), description: "The alerts" },
  },
  getSyncsByIdAlertRules: {
    method: "get",
    path: "/syncs/{id}/alert-rules",
    tag: "Alerts",
    summary: "A sync's own alert rules, the workspace's, and what applies",
    access: "member",
    success: { status: 200, content: json("SyncAlertRules"), description: "The sync's rules" },
  },
  patchSyncsByIdAlertRules: {
    method: "patch",
    path: "/syncs/{id}/alert-rules",
    tag: "Alerts",
    summary: "Override rules for a sync: a rule given replaces the workspace's, null goes back to it",
    access: "member",
    body: ZSyncAlertRulesSchema,
    success: { status: 200, content: json("SyncAlertRules"), description: "The sync's rules" },
  },
  // ---- end Alerts ----
  // Audit log
  getAuditEvents: {
    method: "get",
    path: "/audit-events",
    tag: "Audit log",
    summary: "Audit log entries, newest first, filtered and a page at a time",
    notes: "Every change by a person or an API token, sign-ins (succeeded and failed), Run now, Cancel and Reset. `diff` maps each changed field to `{ before, after }`; a secret shows only `•••• set` / `•••• changed`, never its value.",
    access: "admin",
    query: ZListAuditEventsQuerySchema,
    success: { status: 200, content: json("AuditEventList"), description: "A page of entries" },
  },
  getAuditEventsCsv: {
    method: "get",
    path: "/audit-events.csv",
    tag: "Audit log",
    summary: "The filtered audit log entries as CSV, streamed",
    access: "admin",
    query: ZAuditFilterSchema,
    success: { status: 200, description: "RFC 4180 CSV", content: { "text/csv": { schema: { type: "string" } } } },
  },
  getOpenapiJson: {
    method: "get",
    path: "/openapi.json",
    tag: "Meta",
    summary: "This document",
    access: "public",
    success: { status: 200, description: "The OpenAPI 3.1 document", content: { "application/json": { schema: { type: "object" } } } },
  },
} satisfies Record<string, Operation<any, any>>;
