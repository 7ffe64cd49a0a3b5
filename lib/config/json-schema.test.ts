import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { configJsonSchemaText, configSchemaPath } from "./json-schema";

describe("schemas/tidewater-config.schema.json", () => {
  it("is what the file schemas generate (run `npm run config:schema` after changing them)", () => {
    expect(readFileSync(configSchemaPath(), "utf8")).toBe(configJsonSchemaText());
  });

  it("asks for secrets as ${ENV_VAR} references and names each kind's settings", () => {
    const schema = JSON.parse(configJsonSchemaText());
    const httpBatch = schema.$defs.destination.oneOf.find((branch: { properties: { kind: { const: string } } }) => branch.properties.kind.const === "http-batch");
    expect(httpBatch.properties.config.properties.writeKey.pattern).toBe("^\\$\\{([A-Z_][A-Z0-9_]*)\\}$");
    expect(Object.keys(schema.$defs.sync.properties)).toEqual(expect.arrayContaining(["key", "name", "type", "source", "database", "destinations", "queryFile"]));
    expect(schema.$defs.sync.properties).not.toHaveProperty("sourceId");
  });
});
