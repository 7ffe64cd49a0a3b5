// JSON Schema (2020-12, as OpenAPI 3.1 uses) of the zod schemas the API validates with.
import { z } from "zod";
import { connectorSpec, isAvailable, SOURCE_KINDS } from "../connectors/registry";
import { DESTINATION_KINDS, destinationFor } from "../destinations/registry";
import { ZCreateDatabaseSchema } from "../sources/schemas";
import { ZCreateDestinationSchema } from "../destinations/schemas";

export type JsonSchema = Record<string, unknown>;

/** JSON Schema 2020-12 (what OpenAPI 3.1 uses) of a zod schema, as a request or as a response. */
export function jsonSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
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
export function databaseBodySchema(): JsonSchema {
  const base = jsonSchema(ZCreateDatabaseSchema, "input") as { properties: Record<string, unknown> };
  const kinds = SOURCE_KINDS.filter(isAvailable);
  const config = {
    description: "The connection settings of the source's kind. Secret settings (passwords, keys) are stored encrypted and never returned.",
    anyOf: kinds.map((kind) => ({ title: connectorSpec(kind).displayName, ...jsonSchema(connectorSpec(kind).configSchema, "input") })),
  };
  return { ...base, properties: { ...base.properties, config } };
}

/** One body schema per destination kind, each with its own `config`. */
export function destinationBodySchema(): JsonSchema {
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

