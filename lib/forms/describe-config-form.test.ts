import { describe, expect, it } from "vitest";
import { z } from "zod";
import { describeConfigForm } from "./describe-config-form";

describe("describeConfigForm", () => {
  it("turns a config schema into typed, labelled fields with defaults and secrets", () => {
    const schema = z.object({
      host: z.string().min(1),
      port: z.coerce.number().default(5432),
      password: z.string().default(""),
      ssl: z.coerce.boolean().default(false),
      region: z.enum(["us", "eu"]).default("us"),
      apiKey: z.string(),
      serviceAccountJson: z.string(),
      headers: z.record(z.string(), z.string()).default({}),
      sshTunnel: z.object({ host: z.string() }).optional(),
    });
    const fields = describeConfigForm(schema, ["password", "apiKey", "serviceAccountJson"], ["sshTunnel"]);
    expect(fields.map((f) => [f.key, f.label, f.kind, f.required, f.secret, f.defaultValue])).toEqual([
      ["host", "Host", "text", true, false, undefined],
      ["port", "Port", "number", false, false, 5432],
      ["password", "Password", "password", false, true, ""],
      ["ssl", "SSL", "checkbox", false, false, false],
      ["region", "Region", "select", false, false, "us"],
      ["apiKey", "API key", "password", true, true, undefined],
      ["serviceAccountJson", "Service account JSON", "textarea", true, true, undefined],
      ["headers", "Headers", "headers", false, false, undefined],
    ]);
    expect(fields.find((f) => f.key === "region")?.options).toEqual(["us", "eu"]);
  });
});

describe("describeConfigForm on a connector's TLS settings", () => {
  it("renders sslMode as a select with its default and the CA certificate as a textarea, through the legacy-config pipe", async () => {
    const { ZRedshiftConfigSchema } = await import("../connectors/redshift/spec");
    const { ZBooleanFieldSchema } = await import("./boolean-field");
    const fields = describeConfigForm(ZRedshiftConfigSchema, ["password"], ["sshTunnel"]);
    expect(fields.find((f) => f.key === "sslMode")).toMatchObject({ label: "SSL mode", kind: "select", defaultValue: "verify-full", options: ["disable", "require", "verify-ca", "verify-full"] });
    expect(fields.find((f) => f.key === "caCertificate")).toMatchObject({ label: "CA certificate", kind: "textarea", secret: false, required: false });
    expect(describeConfigForm(z.object({ flag: ZBooleanFieldSchema.default(false) }), [])[0]).toMatchObject({ kind: "checkbox", defaultValue: false });
  });
});
