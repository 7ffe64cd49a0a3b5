// The OpenAPI 3.1 document of /api/v1, generated with z.toJSONSchema from the operations the route
// handlers are declared with (./operations.ts) and the response shapes in ./components.ts.
import type { z } from "zod";
import { COMPONENTS } from "./components";
import { jsonSchema, type JsonSchema } from "./json-schema";
import { OPS, type Operation } from "./operations";

const OPERATIONS: Operation[] = Object.values(OPS);

/** A JSON response body of a component shape. */
const json = (component: keyof typeof COMPONENTS) => ({ "application/json": { schema: { $ref: `#/components/schemas/${component}` } } });

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
      ...Object.fromEntries(
        [success, operation.alsoSuccess]
          .filter((reply) => reply !== undefined)
          .map((reply) => [reply.status, { description: reply.description, ...(reply.content ? { content: reply.content } : {}) }]),
      ),
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

