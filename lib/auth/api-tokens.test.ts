// API tokens against a real app database: expiry, and the env token replaced when its value changes.
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../db";
import { useFreshAppDatabase } from "../../test/support/app-db";

let app: Db;
const tokens = () => import("./api-tokens");

beforeAll(async () => {
  app = await useFreshAppDatabase();
});

describe("TIDEWATER_API_TOKEN", () => {
  it("revokes the old env token when the value changes at start, and keeps it when it does not", async () => {
    const { actorForToken, ensureEnvApiToken } = await tokens();
    const [first, second] = ["tw_env_first_value_123456", "tw_env_second_value_123456"];
    await ensureEnvApiToken(first);
    await ensureEnvApiToken(first);
    expect(await actorForToken(first)).toMatchObject({ role: "admin", email: "api@tidewater.local" });
    await ensureEnvApiToken(second);
    expect(await actorForToken(first)).toBeNull();
    expect(await actorForToken(second)).toMatchObject({ role: "admin" });
    expect(await app.apiToken.count({ where: { source: "env" } })).toBe(1);
  });

  it("never revokes tokens people created", async () => {
    const { actorForToken, createApiToken, ensureEnvApiToken } = await tokens();
    const admin = await app.user.create({ data: { email: "ada@example.com", role: "admin", passwordHash: "x" } });
    const { token } = await createApiToken(admin.id, { name: "dbt nightly" });
    await ensureEnvApiToken("tw_env_third_value_1234567");
    expect(await actorForToken(token)).toMatchObject({ email: "ada@example.com" });
  });

  it("starts two processes with the same value at once without an error and with one token", async () => {
    const { ensureEnvApiToken } = await tokens();
    await Promise.all([ensureEnvApiToken("tw_env_fourth_value_123456"), ensureEnvApiToken("tw_env_fourth_value_123456")]);
    expect(await app.apiToken.count({ where: { source: "env" } })).toBe(1);
  });
});

describe("token expiry", () => {
  it("refuses an expired token and lists it as expired", async () => {
    const { actorForToken, createApiToken, listApiTokens } = await tokens();
    const admin = await app.user.create({ data: { email: "exp@example.com", role: "admin", passwordHash: "x" } });
    const soon = new Date(Date.now() + 1_000).toISOString();
    const { id, token, expiresAt } = await createApiToken(admin.id, { name: "short-lived", expiresAt: soon });
    expect(expiresAt?.toISOString()).toBe(soon);
    expect(await actorForToken(token)).not.toBeNull();
    await app.apiToken.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1) } });
    expect(await actorForToken(token)).toBeNull();
    expect((await listApiTokens()).find((row) => row.id === id)).toMatchObject({ expired: true });
  });

  it("reads a date as through that day (UTC), and refuses a past date or a malformed one", async () => {
    const { createApiToken } = await tokens();
    const admin = await app.user.create({ data: { email: "day@example.com", role: "admin", passwordHash: "x" } });
    const { expiresAt } = await createApiToken(admin.id, { name: "yearly", expiresAt: "2999-01-31" });
    expect(expiresAt?.toISOString()).toBe("2999-02-01T00:00:00.000Z");
    await expect(createApiToken(admin.id, { name: "old", expiresAt: "2001-01-01" })).rejects.toMatchObject({ code: "invalid_input", fieldErrors: { expiresAt: [expect.stringContaining("future")] } });
    await expect(createApiToken(admin.id, { name: "bad", expiresAt: "next week" } as never)).rejects.toMatchObject({ code: "invalid_input" });
    expect((await createApiToken(admin.id, { name: "forever", expiresAt: null })).expiresAt).toBeNull();
  });
});
