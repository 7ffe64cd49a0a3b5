// The OpenAPI document: valid OpenAPI 3.1 (checked by a real validator), and it lists every route
// handler under app/api/v1 — and nothing that is not one.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "../../lib/openapi/document";

const API_DIR = path.resolve(import.meta.dirname, "../../app/api/v1");

type Document = { openapi: string; paths: Record<string, Record<string, { responses: Record<string, unknown>; requestBody?: unknown }>> };
const document = openApiDocument() as Document;

/** "METHOD /path" for each exported handler of each route.ts, `[id]` written as `{id}`. */
function routesInApp(): string[] {
  const routes: string[] = [];
  for (const file of readdirSync(API_DIR, { recursive: true, encoding: "utf8" })) {
    if (path.basename(file) !== "route.ts") continue;
    const route = "/" + path.dirname(file).split(path.sep).join("/").replace(/\[(\w+)\]/g, "{$1}");
    const source = readFileSync(path.join(API_DIR, file), "utf8");
    for (const [, method] of source.matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g)) routes.push(`${method} ${route.replace(/^\/\.$/, "/")}`);
  }
  return routes.sort();
}

function routesInDocument(): string[] {
  return Object.entries(document.paths)
    .flatMap(([route, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${route}`))
    .sort();
}

describe("GET /api/v1/openapi.json", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(document));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
  });

  it("lists every route handler in app/api/v1, and only those", () => {
    const inApp = routesInApp();
    expect(inApp.length).toBeGreaterThanOrEqual(19);
    expect(routesInDocument()).toEqual(inApp);
  });

  it("is what each route handler is declared with: its operation names its own method and path", async () => {
    const { OPS } = await import("../../lib/openapi/operations");
    const declared: string[] = [];
    for (const file of readdirSync(API_DIR, { recursive: true, encoding: "utf8" })) {
      if (path.basename(file) !== "route.ts") continue;
      const route = "/" + path.dirname(file).split(path.sep).join("/").replace(/\[(\w+)\]/g, "{$1}");
      const source = readFileSync(path.join(API_DIR, file), "utf8");
      if (route === "/openapi.json" || route.includes("...")) continue;
      for (const handler of source.split(/^export const /m).slice(1)) {
        const method = /^(GET|POST|PUT|PATCH|DELETE) =/.exec(handler)?.[1];
        if (!method) continue;
        const names = [...handler.matchAll(/OPS\.(\w+)/g)].map(([, name]) => name);
        expect(names, `${method} ${route}`).toHaveLength(1);
        const operation = OPS[names[0] as keyof typeof OPS];
        expect(`${operation.method.toUpperCase()} ${operation.path}`, `${method} ${route} passes OPS.${names[0]}`).toBe(`${method} ${route}`);
        declared.push(`${method} ${route}`);
      }
    }
    expect(declared.length).toBe(Object.keys(OPS).length - 1); // all but the document itself
  });

  it("documents the error envelope, with detail for a refused connection", () => {
    const created = document.paths["/sources/{id}/databases"].post;
    expect(Object.keys(created.responses).sort()).toEqual(["201", "401", "403", "404", "409", "413", "415", "422"]);
    expect(JSON.stringify(openApiDocument())).toContain('"detail"');
  });

  it("takes request bodies from the schemas the handlers validate with", async () => {
    const { ZCreateSyncSchema } = await import("../../lib/syncs/schemas");
    const body = document.paths["/syncs"].post.requestBody as { content: { "application/json": { schema: { properties: object; required: string[] } } } };
    const schema = body.content["application/json"].schema;
    expect(Object.keys(schema.properties).sort()).toEqual(Object.keys(ZCreateSyncSchema.shape).sort());
    expect(schema.required).toContain("destinationIds");
  });

  it("keeps sync types (mixed too) apart from call types (never mixed)", async () => {
    const { CALL_TYPES } = await import("../../lib/engine/call-types");
    const { SYNC_TYPES } = await import("../../lib/engine/sync-types");
    type Schema = { properties: Record<string, { enum?: string[]; items?: Schema } & Schema> };
    const schemas = (document as unknown as { components: { schemas: Record<string, Schema> } }).components.schemas;
    const body = document.paths["/syncs"].post.requestBody as { content: { "application/json": { schema: Schema } } };
    expect(body.content["application/json"].schema.properties.type.enum).toEqual([...SYNC_TYPES]);
    expect(schemas.Sync.properties.type.enum).toEqual([...SYNC_TYPES]);
    const call = schemas.RunCalls.properties.calls.items!.properties;
    expect(call.type.enum).toEqual([...CALL_TYPES]);
    expect(call.payload.properties.type.enum).toEqual([...CALL_TYPES]);
  });
});
