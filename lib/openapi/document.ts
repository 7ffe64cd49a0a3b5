// The OpenAPI 3.1 document of /api/v1, generated with z.toJSONSchema from the schemas the route
// handlers validate with (lib/*/schemas.ts, the connector and destination specs) and the response
// shapes in ./responses.ts. A new route needs a line in OPERATIONS; test/api/openapi.test.ts fails
// until it has one.
import { z } from "zod";
import { ZCreateApiTokenSchema } from "../auth/api-tokens";
import { connectorSpec, isAvailable, SOURCE_KINDS } from "../connectors/registry";
import { DESTINATION_KINDS, destinationFor } from "../destinations/registry";
import { ZCreateDestinationSchema } from "../destinations/schemas";
import { ZPreviewQuerySchema } from "../queries/preview-query";
import { ZListRunCallsQuerySchema } from "../runs/schemas";
import { ZCreateDatabaseSchema, ZCreateSourceSchema } from "../sources/schemas";
import { ZCreateSyncSchema, ZUpdateSyncSchema } from "../syncs/schemas";
import * as R from "./responses";

type JsonSchema = Record<string, unknown>;
type Access = "admin" | "member" | "public";
type Success = { status: 200 | 201 | 202 | 204; description: string; content?: Record<string, { schema: JsonSchema }> };
export type Operation = {
  method: "get" | "post" | "patch" | "delete";
  path: string;
  summary: string;
  /** Longer than a summary: what a caller needs to know beyond the schemas. */
  notes?: string;
  access: Access;
  tag: string;
  body?: z.ZodType;
  /** Replaces the generated request body schema, where one schema per kind says more. */
  bodySchema?: () => JsonSchema;
  query?: z.ZodObject;
  success: Success;
  errors?: number[];
  /** What an error status means for this operation, where the general wording does not fit. */
  errorText?: Partial<Record<number, string>>;
};

/** Response shapes, by the component name the operations refer to. */
const COMPONENTS: Record<string, z.ZodType> = {
  Error: R.ZErrorResponseSchema,
  Source: R.ZSourceResponseSchema,
  SourceList: R.ZSourceListResponseSchema,
  SourceDetail: R.ZSourceDetailResponseSchema,
  Database: R.ZDatabaseResponseSchema,
  Destination: R.ZDestinationResponseSchema,
  DestinationList: R.ZDestinationListResponseSchema,
  Preview: R.ZPreviewResponseSchema,
  Sync: R.ZSyncResponseSchema,
  RunStarted: R.ZRunStartedResponseSchema,
  Run: R.ZRunResponseSchema,
  RunList: z.array(R.ZRunResponseSchema),
  RunCalls: R.ZRunCallsResponseSchema,
  ApiToken: R.ZApiTokenResponseSchema,
  ApiTokenList: z.array(R.ZApiTokenResponseSchema),
  CreatedApiToken: R.ZCreatedApiTokenResponseSchema,
};

/** A JSON response body of a component shape. */
const json = (component: keyof typeof COMPONENTS) => ({ "application/json": { schema: { $ref: `#/components/schemas/${component}` } } });

export const OPERATIONS: Operation[] = [
  {
    method: "get",
    path: "/sources",
    tag: "Sources",
    summary: "List sources with their databases and syncs",
    access: "member",
    success: { status: 200, content: json("SourceList"), description: "The sources" },
  },
  {
    method: "post",
    path: "/sources",
    tag: "Sources",
    summary: "Create a source",
    access: "admin",
    body: ZCreateSourceSchema,
    success: { status: 201, content: json("Source"), description: "The new source" },
  },
  {
    method: "get",
    path: "/sources/{id}",
    tag: "Sources",
    summary: "One source with its databases (secrets only as names in secretsSet) and syncs",
    access: "member",
    success: { status: 200, content: json("SourceDetail"), description: "The source" },
  },
  {
    method: "delete",
    path: "/sources/{id}",
    tag: "Sources",
    summary: "Delete a source with its databases and syncs (runs that are going are cancelled)",
    access: "admin",
    success: { status: 204, description: "Deleted" },
  },
  {
    method: "post",
    path: "/sources/{id}/databases",
    tag: "Sources",
    summary: "Add a database to a source",
    notes: "The connection is tested first; when it fails nothing is stored and the reply is a 422 `connection_failed` with the driver's message in `error.detail`. `config` is per kind of source (postgres: host, port, database, user, password, sslMode — disable, require, verify-ca or verify-full — and caCertificate, PEM; an old boolean `ssl` is still read, true as require); `sshTunnel` may be given beside it.",
    access: "admin",
    body: ZCreateDatabaseSchema,
    bodySchema: databaseBodySchema,
    success: { status: 201, content: json("Database"), description: "The connection works and the database was saved" },
  },
  {
    method: "delete",
    path: "/sources/{id}/databases/{databaseId}",
    tag: "Sources",
    summary: "Delete a database of a source. 409 while syncs read from it (the reply names them)",
    access: "admin",
    success: { status: 204, description: "Deleted" },
    errors: [404, 409],
  },
  {
    method: "get",
    path: "/destinations",
    tag: "Destinations",
    summary: "List destinations (secrets only as names in secretsSet)",
    access: "member",
    success: { status: 200, content: json("DestinationList"), description: "The destinations" },
  },
  {
    method: "post",
    path: "/destinations",
    tag: "Destinations",
    summary: "Create a destination",
    notes: "`config` is per kind; each kind's schema says what it does. For example `http-batch` POSTs Segment-compatible `{\"batch\":[…],\"sentAt\":…}` to `{url}/v1/batch` with the write key as HTTP basic user, `webhook` POSTs each batch to the URL, and `inbox` keeps the calls inside Tidewater. Secret settings are stored encrypted and never returned.",
    access: "admin",
    body: ZCreateDestinationSchema,
    bodySchema: destinationBodySchema,
    success: { status: 201, content: json("Destination"), description: "The new destination" },
  },
  {
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
  {
    method: "post",
    path: "/syncs",
    tag: "Syncs",
    summary: "Create a sync",
    access: "member",
    body: ZCreateSyncSchema,
    success: { status: 201, content: json("Sync"), description: "The new sync" },
    errors: [404],
  },
  {
    method: "get",
    path: "/syncs/{id}",
    tag: "Syncs",
    summary: "Read a sync",
    access: "member",
    success: { status: 200, content: json("Sync"), description: "The sync" },
  },
  {
    method: "patch",
    path: "/syncs/{id}",
    tag: "Syncs",
    summary: "Change any fields of a sync, e.g. {\"enabled\": false}; fields left out stay as they are",
    access: "member",
    body: ZUpdateSyncSchema,
    success: { status: 200, content: json("Sync"), description: "The changed sync" },
  },
  {
    method: "delete",
    path: "/syncs/{id}",
    tag: "Syncs",
    summary: "Delete a sync and its runs (a run that is going is cancelled)",
    access: "member",
    success: { status: 204, description: "Deleted" },
  },
  {
    method: "post",
    path: "/syncs/{id}/reset",
    tag: "Syncs",
    summary: "Forget the change-tracking snapshot, so the next run sends every row again. 409 while a run of the sync is going",
    access: "member",
    success: { status: 204, description: "Reset" },
    errors: [404, 409],
  },
  {
    method: "post",
    path: "/syncs/{id}/runs",
    tag: "Runs",
    summary: "Run a sync now; the run goes on after the reply (poll GET /runs/{id}). 409 while a run of the sync is going",
    access: "member",
    success: { status: 202, content: json("RunStarted"), description: "The run started" },
    errors: [409],
  },
  {
    method: "get",
    path: "/syncs/{id}/runs",
    tag: "Runs",
    summary: "The last 50 runs of a sync, newest first",
    access: "member",
    success: { status: 200, content: json("RunList"), description: "The runs" },
  },
  {
    method: "get",
    path: "/runs/{id}",
    tag: "Runs",
    summary: "A run's status and counts",
    access: "member",
    success: { status: 200, content: json("Run"), description: "The run" },
  },
  {
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
  {
    method: "get",
    path: "/runs/{id}/errors.csv",
    tag: "Runs",
    summary: "The run's error rows as CSV (row, reason, then the row's columns), streamed",
    access: "member",
    success: { status: 200, description: "RFC 4180 CSV", content: { "text/csv": { schema: { type: "string" } } } },
  },
  {
    method: "get",
    path: "/runs/{id}/calls",
    tag: "Runs",
    summary: "The calls the run delivered (a bounded sample), newest first, a page at a time",
    access: "member",
    query: ZListRunCallsQuerySchema,
    success: { status: 200, content: json("RunCalls"), description: "A page of calls" },
  },
  {
    method: "get",
    path: "/tokens",
    tag: "API tokens",
    summary: "List API tokens (never the tokens themselves)",
    access: "admin",
    success: { status: 200, content: json("ApiTokenList"), description: "The tokens" },
  },
  {
    method: "post",
    path: "/tokens",
    tag: "API tokens",
    summary: "Create an API token acting as the caller; the token is shown in this reply only",
    access: "admin",
    body: ZCreateApiTokenSchema,
    success: { status: 201, content: json("CreatedApiToken"), description: "The new token" },
  },
  {
    method: "delete",
    path: "/tokens/{id}",
    tag: "API tokens",
    summary: "Revoke an API token",
    access: "admin",
    success: { status: 204, description: "Revoked" },
  },
  {
    method: "get",
    path: "/openapi.json",
    tag: "Meta",
    summary: "This document",
    access: "public",
    success: { status: 200, description: "The OpenAPI 3.1 document", content: { "application/json": { schema: { type: "object" } } } },
  },
];

const ERROR_TEXT: Record<number, string> = {
  401: "No API token, or an unknown or revoked one (error.code unauthorized)",
  403: "The token's owner is not an admin, or a request signed in by session cookie came from another site (error.code forbidden)",
  404: "No such resource, or one the body refers to (error.code not_found)",
  409: "A run of this sync is already going (error.code conflict)",
  413: "The request body is over 1 MiB (error.code payload_too_large)",
  415: "The request body is not sent as `Content-Type: application/json` (error.code unsupported_media_type)",
  422: "The input is invalid (error.code invalid_input, error.fields per field), or the database refused (connection_failed with error.detail, query_failed)",
};

let cached: JsonSchema | undefined;

export function openApiDocument(): JsonSchema {
  cached ??= build();
  return cached;
}

function build(): JsonSchema {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const operation of OPERATIONS) (paths[operation.path] ??= {})[operation.method] = pathItem(operation);
  return {
    openapi: "3.1.0",
    info: {
      title: "Tidewater API",
      version: "1",
      description:
        "Set up and trigger reverse-ETL syncs from scripts, dbt jobs and orchestrators. JSON in and out; ids are strings; times are ISO-8601 UTC. Every failure is `{ \"error\": { \"code\", \"message\", \"fields\"?, \"detail\"? } }`. Admins manage sources, databases, destinations and tokens; members read everything and create, change, run and delete syncs.",
    },
    servers: [{ url: "/api/v1" }],
    security: [{ bearerAuth: [] }],
    tags: [...new Set(OPERATIONS.map((operation) => operation.tag))].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: { bearerAuth: { type: "http", scheme: "bearer", description: "An API token from Settings → API tokens, or TIDEWATER_API_TOKEN" } },
      schemas: Object.fromEntries(Object.entries(COMPONENTS).map(([name, schema]) => [name, jsonSchema(schema, "output")])),
    },
  };
}

function pathItem(operation: Operation) {
  const { path, summary, notes, access, tag, body, bodySchema, query, success } = operation;
  const errors = new Set(operation.errors ?? []);
  if (access !== "public") errors.add(401);
  if (access === "admin") errors.add(403);
  if (path.includes("{id}")) errors.add(404);
  if (body || query) errors.add(422);
  if (body) [413, 415].forEach((status) => errors.add(status));
  const pathParameters = [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({ name, in: "path", required: true, schema: { type: "string" } }));
  return {
    operationId: operationId(operation),
    summary,
    tags: [tag],
    description: [notes, access === "public" ? "No token needed." : `Needs an API token of ${access === "admin" ? "an admin" : "a member or admin"}.`]
      .filter(Boolean)
      .join("\n\n"),
    "x-tidewater-role": access,
    ...(access === "public" ? { security: [] } : {}),
    ...(pathParameters.length || query ? { parameters: [...pathParameters, ...queryParameters(query)] } : {}),
    ...(body ? { requestBody: { required: true, content: { "application/json": { schema: bodySchema ? bodySchema() : jsonSchema(body, "input") } } } } : {}),
    responses: {
      [success.status]: {
        description: success.description,
        ...(success.content ? { content: success.content } : {}),
      },
      ...Object.fromEntries(
        [...errors].sort().map((status) => [status, { description: operation.errorText?.[status] ?? ERROR_TEXT[status], content: json("Error") }]),
      ),
    },
  };
}

function operationId({ method, path }: Operation): string {
  const words = path
    .replace(/\{id\}/g, "by id")
    .split(/[^A-Za-z]+/)
    .filter(Boolean);
  return [method, ...words].map((word, index) => (index === 0 ? word : word[0].toUpperCase() + word.slice(1))).join("");
}

function queryParameters(query?: z.ZodObject) {
  if (!query) return [];
  const schema = jsonSchema(query, "input") as { properties: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(schema.properties).map(([name, property]) => ({
    name,
    in: "query",
    required: schema.required?.includes(name) ?? false,
    ...(property.description ? { description: property.description } : {}),
    schema: property,
  }));
}

/** JSON Schema 2020-12 (what OpenAPI 3.1 uses) of a zod schema, as a request or as a response. */
function jsonSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, {
    io,
    unrepresentable: "any",
    override: ({ zodSchema, jsonSchema }) => {
      // z.coerce.date() accepts an ISO-8601 string in JSON.
      if (zodSchema._zod.def.type === "date") Object.assign(jsonSchema, { type: "string", format: "date-time" });
    },
  });
  return rest;
}

/** `config` depends on the source's kind: one schema per kind this version supports. */
function databaseBodySchema(): JsonSchema {
  const base = jsonSchema(ZCreateDatabaseSchema, "input") as { properties: Record<string, unknown> };
  const kinds = SOURCE_KINDS.filter(isAvailable);
  const config = {
    description: "The connection settings of the source's kind. Secret settings (passwords, keys) are stored encrypted and never returned.",
    anyOf: kinds.map((kind) => ({ title: connectorSpec(kind).displayName, ...jsonSchema(connectorSpec(kind).configSchema, "input") })),
  };
  return { ...base, properties: { ...base.properties, config } };
}

/** One body schema per destination kind, each with its own `config`. */
function destinationBodySchema(): JsonSchema {
  const base = jsonSchema(ZCreateDestinationSchema, "input") as { properties: Record<string, unknown>; required?: string[] };
  return {
    oneOf: DESTINATION_KINDS.map((kind) => {
      const spec = destinationFor(kind).spec;
      return {
        title: spec.displayName,
        description: spec.description,
        type: "object",
        properties: { ...base.properties, kind: { const: kind }, config: jsonSchema(spec.configSchema, "input") },
        required: ["name", "kind", ...(kind === "inbox" ? [] : ["config"])],
      };
    }),
  };
}
