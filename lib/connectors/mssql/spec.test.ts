import { describe, expect, it } from "vitest";
import { mssqlPoolConfig } from "./connect";
import { ZMssqlConfigSchema } from "./spec";

const base = { host: "db.example.com", database: "app", user: "u", password: "p" };
const CA = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----";

describe("SQL Server config", () => {
  it('reads a stored trustServerCertificate: "false" as false, so the certificate is verified (it was coerced to true)', () => {
    const config = ZMssqlConfigSchema.parse({ ...base, ssl: true, trustServerCertificate: "false" });
    expect(config.sslMode).toBe("verify-full");
    expect(mssqlPoolConfig(config).options).toMatchObject({ encrypt: true, trustServerCertificate: false });
  });

  it.each([
    [{ ssl: false }, "disable"],
    [{ ssl: "false", trustServerCertificate: true }, "disable"],
    [{ ssl: true, trustServerCertificate: true }, "require"],
    [{ ssl: "true", trustServerCertificate: "true" }, "require"],
    [{ ssl: true }, "verify-full"],
    [{}, "verify-full"],
    [{ trustServerCertificate: "on" }, "require"],
  ])("migrates the stored %j to sslMode %s", (legacy, mode) => {
    expect(ZMssqlConfigSchema.parse({ ...base, ...legacy }).sslMode).toBe(mode);
  });

  it("refuses a yes/no it cannot read instead of guessing, and verify-ca, which tedious cannot do", () => {
    expect(ZMssqlConfigSchema.safeParse({ ...base, trustServerCertificate: "maybe" }).success).toBe(false);
    expect(ZMssqlConfigSchema.safeParse({ ...base, sslMode: "verify-ca" }).success).toBe(false);
  });

  it.each([
    ["disable", { encrypt: false, trustServerCertificate: false }],
    ["require", { encrypt: true, trustServerCertificate: true }],
    ["verify-full", { encrypt: true, trustServerCertificate: false, cryptoCredentialsDetails: { ca: CA } }],
  ] as const)("maps %s to tedious's options", (sslMode, options) => {
    const config = ZMssqlConfigSchema.parse({ ...base, sslMode, caCertificate: CA });
    expect(mssqlPoolConfig(config).options).toMatchObject(options);
  });

  it("checks the certificate against the configured host through an SSH tunnel", () => {
    const config = ZMssqlConfigSchema.parse({ ...base, host: "127.0.0.1" });
    expect(mssqlPoolConfig({ ...config, tlsServerName: "db.example.com" }).options).toMatchObject({ serverName: "db.example.com" });
  });
});
