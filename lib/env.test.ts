import { afterEach, describe, expect, it, vi } from "vitest";

const saved = { ...process.env };

async function envWith(values: Record<string, string>) {
  vi.resetModules();
  process.env = { ...saved, TIDEWATER_SECRET_KEY: "11".repeat(32), ...values };
  const { env } = await import("./env");
  return env();
}

afterEach(() => {
  process.env = { ...saved };
});

describe("env()", () => {
  it("counts an empty variable as unset, for every variable it reads", async () => {
    const values = await envWith({
      PORT: "",
      DATABASE_URL: "",
      TIDEWATER_API_TOKEN: "",
      TIDEWATER_ALLOW_PRIVATE_DESTINATIONS: "",
      TIDEWATER_SCHEDULER: "",
      NEXTAUTH_URL: "",
      TIDEWATER_ADMIN_EMAIL: "",
      TIDEWATER_ADMIN_PASSWORD: "",
      TIDEWATER_DATA_DIR: "",
    });
    expect(values).toMatchObject({ PORT: 3000, TIDEWATER_SCHEDULER: "on" });
    expect(values.TIDEWATER_API_TOKEN).toBeUndefined();
    expect(values.TIDEWATER_ADMIN_EMAIL).toBeUndefined();
    expect(values.DATABASE_URL).toMatch(/^file:.*tidewater\.db$/);
  });

  it("still refuses a value that is set and wrong, naming the variable", async () => {
    await expect(envWith({ TIDEWATER_API_TOKEN: "short" })).rejects.toThrow(/TIDEWATER_API_TOKEN: must be at least 20 characters/);
    await expect(envWith({ TIDEWATER_ADMIN_EMAIL: "ada@example.com" })).rejects.toThrow(/TIDEWATER_ADMIN_PASSWORD: set both/);
    await expect(envWith({ TIDEWATER_ADMIN_EMAIL: "not-an-email", TIDEWATER_ADMIN_PASSWORD: "long enough pw" })).rejects.toThrow(/TIDEWATER_ADMIN_EMAIL/);
  });

  it("reads the first admin from the environment", async () => {
    const values = await envWith({ TIDEWATER_ADMIN_EMAIL: " Ada@Example.com ", TIDEWATER_ADMIN_PASSWORD: "correct horse battery" });
    expect(values).toMatchObject({ TIDEWATER_ADMIN_EMAIL: "ada@example.com", TIDEWATER_ADMIN_PASSWORD: "correct horse battery" });
  });
});
