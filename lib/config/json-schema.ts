// The JSON Schema of the config files, generated from their zod schemas (scripts/generate-config-schema.ts
// writes schemas/tidewater-config.schema.json; a test fails when it is stale). Exported YAML files
// point editors at it with a `# yaml-language-server: $schema=` line.
import path from "node:path";
import { connectorSpec, isAvailable, SOURCE_KINDS } from "../connectors/registry";
import { DESTINATION_KINDS, destinationFor } from "../destinations/registry";
import { jsonSchema, type JsonSchema } from "../openapi/json-schema";
import { ZDestinationFileSchema, ZSourceFileSchema, ZSyncFileSchema } from "./file-schemas";
import { SECRET_REFERENCE } from "./secrets";

export const CONFIG_SCHEMA_FILE = "tidewater-config.schema.json";

export const configSchemaPath = () => path.resolve(import.meta.dirname, "../../schemas", CONFIG_SCHEMA_FILE);

const secretReference = { type: "string", pattern: SECRET_REFERENCE.source, description: "A ${ENV_VAR} reference: apply reads the secret from the environment; files never hold it" };

/** A kind's settings, each secret setting as a reference. */
function settingsSchema(title: string, schema: Parameters<typeof jsonSchema>[0], secretKeys: readonly string[]): JsonSchema {
  const settings = jsonSchema(schema, "input") as { properties?: Record<string, unknown> };
  for (const key of secretKeys) if (settings.properties?.[key]) settings.properties[key] = secretReference;
  return { title, ...settings };
}

export function configJsonSchema(): JsonSchema {
  const source = jsonSchema(ZSourceFileSchema, "input") as any;
  source.properties.databases.items.properties.config = {
    anyOf: SOURCE_KINDS.filter(isAvailable).map((kind) => settingsSchema(connectorSpec(kind).displayName, connectorSpec(kind).configSchema, connectorSpec(kind).secretKeys)),
  };
  const destinationBase = jsonSchema(ZDestinationFileSchema, "input") as any;
  const destination = {
    oneOf: DESTINATION_KINDS.map((kind) => {
      const spec = destinationFor(kind).spec;
      return {
        ...destinationBase,
        title: spec.displayName,
        properties: { ...destinationBase.properties, kind: { const: kind }, config: settingsSchema(spec.displayName, spec.configSchema, spec.secretKeys) },
      };
    }),
  };
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    title: "Tidewater config as code",
    description: "One file per object: sources/<key>.yaml (with its databases), destinations/<key>.yaml, syncs/<key>.yaml (its query in <key>.sql). Generated from the API's zod schemas; do not edit.",
    anyOf: [{ $ref: "#/$defs/source" }, { $ref: "#/$defs/destination" }, { $ref: "#/$defs/sync" }],
    $defs: { source, destination, sync: jsonSchema(ZSyncFileSchema, "input") },
  };
}

export const configJsonSchemaText = () => `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
