import { describe, expect, it } from "vitest";
import { configLabels, errorNamingFields } from "./error-naming-fields";

describe("errorNamingFields", () => {
  const labels = { name: "Name", ...configLabels([{ key: "database", label: "Database" }, { key: "host", label: "Host" }]), "config.sshTunnel.host": "SSH host" };

  it("names each field the refusal means, by its label on the form", () => {
    const fields = { "config.database": ["Required"], "config.sshTunnel.host": ["Required"], name: ["Too long"] };
    expect(errorNamingFields("Some connection settings need attention.", fields, labels)).toBe("Some connection settings need attention: Database, SSH host, Name.");
  });

  it("falls back to the key's own words for a field without a label", () => {
    expect(errorNamingFields("Some fields need attention.", { "config.sslMode": ["Invalid"] }, labels)).toBe("Some fields need attention: SSL mode.");
  });

  it("leaves a message without field errors, or that is a field's own error, as it is", () => {
    expect(errorNamingFields("Could not connect: timeout", {}, labels)).toBe("Could not connect: timeout");
    expect(errorNamingFields("This address is private.", { "config.url": ["This address is private."] }, labels)).toBe("This address is private.");
  });
});
