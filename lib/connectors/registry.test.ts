import { describe, expect, it } from "vitest";
import { connectorSpec, isAvailable, loadConnector, SOURCE_KINDS } from "./registry";

describe("registry", () => {
  it.each(SOURCE_KINDS)("has %s: spec, schema and a connector", async (kind) => {
    expect(isAvailable(kind)).toBe(true);
    const spec = connectorSpec(kind);
    expect(spec.kind).toBe(kind);
    const connector = await loadConnector(kind);
    expect(connector.spec).toBe(spec);
    expect(typeof connector.check).toBe("function");
    expect(typeof connector.read).toBe("function");
  });

  it("marks every secret in the SQL kinds' specs, the SSH tunnel's private keys included", () => {
    for (const kind of ["postgres", "redshift", "mssql", "mysql"] as const) expect(connectorSpec(kind).secretKeys).toEqual(["password", "sshTunnel"]);
    expect(connectorSpec("snowflake").secretKeys).toEqual(["password", "privateKey", "privateKeyPassphrase"]);
    expect(connectorSpec("bigquery").secretKeys).toEqual(["credentialsJson"]);
  });
});
