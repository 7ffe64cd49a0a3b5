import { describe, expect, it } from "vitest";
import { connectionOptions } from "./mysql/connect";
import { ZMysqlConfigSchema } from "./mysql/spec";
import { clientConfig } from "./postgres/connect";
import { ZPostgresConfigSchema } from "./postgres/spec";
import { ZRedshiftConfigSchema } from "./redshift/spec";
import { migrateLegacyTls, nodeTlsOptions, sslModeOf } from "./tls";

const base = { host: "db.example.com", database: "app", user: "u" };
const CA = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----";

describe("sslMode", () => {
  it("keeps a stored ssl: true working as it did (encrypted, unverified: require), and ssl: false as disable", () => {
    expect(ZPostgresConfigSchema.parse({ ...base, ssl: true })).toMatchObject({ sslMode: "require" });
    expect(ZPostgresConfigSchema.parse({ ...base, ssl: "false" })).toMatchObject({ sslMode: "disable" });
    expect(ZMysqlConfigSchema.parse({ ...base, ssl: "on" })).toMatchObject({ sslMode: "require" });
    expect(ZRedshiftConfigSchema.parse({ ...base, ssl: true })).toMatchObject({ sslMode: "require" });
    expect(sslModeOf({ ssl: true })).toBe("require");
    expect(sslModeOf({ ssl: "false" })).toBe("disable");
  });

  it("defaults to verify-full where SSL is on by default, and drops the old field once sslMode is given", () => {
    expect(ZRedshiftConfigSchema.parse(base)).toMatchObject({ sslMode: "verify-full", port: 5439 });
    expect(ZPostgresConfigSchema.parse(base)).toMatchObject({ sslMode: "disable" });
    expect(migrateLegacyTls({ ...base, ssl: true, sslMode: "verify-ca" })).toEqual({ ...base, sslMode: "verify-ca" });
  });

  it("refuses a CA that is not a PEM certificate, an unknown mode and an ssl it cannot read", () => {
    expect(ZPostgresConfigSchema.safeParse({ ...base, sslMode: "verify-full", caCertificate: "not a cert" }).error?.issues[0]?.message).toMatch(/PEM/);
    expect(ZPostgresConfigSchema.safeParse({ ...base, sslMode: "prefer" }).success).toBe(false);
    expect(ZPostgresConfigSchema.safeParse({ ...base, ssl: "maybe" }).success).toBe(false);
  });
});

describe("node TLS options", () => {
  it.each([
    ["disable", false],
    ["require", { rejectUnauthorized: false }],
  ] as const)("maps %s", (mode, options) => {
    expect(nodeTlsOptions(mode, CA, "db.example.com")).toEqual(options);
  });

  it("verify-ca checks the chain against the CA but not the name", () => {
    const options = nodeTlsOptions("verify-ca", CA, "db.example.com") as { checkServerIdentity(): unknown };
    expect(options).toMatchObject({ rejectUnauthorized: true, ca: CA, servername: "db.example.com" });
    expect(options.checkServerIdentity()).toBeUndefined();
  });

  it("verify-full checks chain and name; an IP address is checked but never sent as SNI", () => {
    expect(nodeTlsOptions("verify-full", "", "db.example.com")).toEqual({ rejectUnauthorized: true, host: "db.example.com", servername: "db.example.com" });
    expect(nodeTlsOptions("verify-full", CA, "10.0.0.5")).toEqual({ rejectUnauthorized: true, ca: CA, host: "10.0.0.5" });
  });

  it("PostgreSQL verifies the configured host's name through an SSH tunnel", () => {
    const config = ZPostgresConfigSchema.parse({ ...base, host: "127.0.0.1", sslMode: "verify-full" });
    expect(clientConfig({ ...config, tlsServerName: "db.example.com" }).ssl).toMatchObject({ servername: "db.example.com", host: "db.example.com" });
    expect(clientConfig(ZPostgresConfigSchema.parse({ ...base, ssl: true })).ssl).toEqual({ rejectUnauthorized: false });
    // A config stored before sslMode is read by the connector as it is, unparsed.
    expect(clientConfig({ ...base, port: 5432, password: "", ssl: true } as never).ssl).toEqual({ rejectUnauthorized: false });
  });

  it.each([
    ["disable", undefined],
    ["require", { rejectUnauthorized: false }],
    ["verify-ca", { rejectUnauthorized: true, verifyIdentity: false, ca: CA }],
    ["verify-full", { rejectUnauthorized: true, verifyIdentity: true, ca: CA }],
  ] as const)("MySQL maps %s to mysql2's ssl", (sslMode, ssl) => {
    expect(connectionOptions(ZMysqlConfigSchema.parse({ ...base, sslMode, caCertificate: CA })).ssl).toEqual(ssl);
  });

  it("MySQL through an SSH tunnel names the configured host and connects to the tunnel", () => {
    const config = ZMysqlConfigSchema.parse({ ...base, host: "127.0.0.1", port: 40000, sslMode: "verify-full" });
    const options = connectionOptions({ ...config, tlsServerName: "db.example.com" });
    expect(options.host).toBe("db.example.com");
    expect(typeof options.stream).toBe("function");
    expect(connectionOptions({ ...config, sslMode: "disable", tlsServerName: "db.example.com" }).host).toBe("127.0.0.1");
  });
});
