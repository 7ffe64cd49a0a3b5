import { describe, expect, it } from "vitest";
import { SOURCE_KINDS } from "../connectors/registry";
import { describeDatabaseForm } from "./describe-database-form";

describe("describeDatabaseForm", () => {
  it.each(SOURCE_KINDS)("describes the %s form, TLS settings included where the kind has them", (kind) => {
    const form = describeDatabaseForm(kind);
    expect(form.fields.length).toBeGreaterThan(0);
    if (["postgres", "redshift", "mysql", "mssql"].includes(kind)) {
      expect(form.sshTunnel).toBe(true);
      expect(form.fields.map((field) => field.key)).toEqual(expect.arrayContaining(["sslMode", "caCertificate"]));
    }
  });
});
