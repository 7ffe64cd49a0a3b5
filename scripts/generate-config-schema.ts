// Writes schemas/tidewater-config.schema.json, the JSON Schema of the config-as-code files (lib/config/json-schema.ts).
import { writeFileSync } from "node:fs";
import { configJsonSchemaText, configSchemaPath } from "../lib/config/json-schema";

writeFileSync(configSchemaPath(), configJsonSchemaText());
console.log(`Wrote ${configSchemaPath()}`);
