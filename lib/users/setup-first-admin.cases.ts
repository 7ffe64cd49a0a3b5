// The first-admin rules, run against the app database on SQLite (setup-first-admin.test.ts) and
// on PostgreSQL (setup-first-admin.int.test.ts).
import { expect, it } from "vitest";
import { awayFromMinuteEdge } from "../../test/support/minute-window";
import type { Db } from "../db";

const client = (n: number) => ({ address: `10.1.0.${n}` });
const admin = { name: "Ada", email: "ada@example.com", password: "correct horse battery" };

export function firstAdminCases(app: () => Db) {
  const services = async () => ({ ...(await import("./setup-first-admin")), ...(await import("./setup-code")), ...(await import("../auth/api-tokens")) });
  const reset = async () => {
    await app().user.deleteMany();
    await app().setting.deleteMany();
    await app().rateLimit.deleteMany();
  };

  it("refuses setup without the code and with a wrong one; the printed code works once", async () => {
    const { ensureSetupCode, setupFirstAdmin } = await services();
    await reset();
    const code = await ensureSetupCode();
    expect(await ensureSetupCode()).toBe(code); // every process and restart prints the same link
    await expect(setupFirstAdmin(admin, client(1))).rejects.toMatchObject({ code: "forbidden", message: expect.stringContaining("setup code") });
    await expect(setupFirstAdmin({ ...admin, code: "guess" }, client(1))).rejects.toMatchObject({ code: "forbidden" });
    expect(await app().user.count()).toBe(0);
    expect(await setupFirstAdmin({ ...admin, code }, client(1))).toMatchObject({ email: "ada@example.com", role: "admin" });
    await expect(setupFirstAdmin({ ...admin, email: "eve@example.com", code }, client(1))).rejects.toMatchObject({ code: "forbidden" });
    expect(await app().setting.findUnique({ where: { key: "setup.code" } })).toBeNull();
  });

  it("makes exactly one admin when two setups with the right code run at the same moment", async () => {
    const { ensureSetupCode, setupFirstAdmin } = await services();
    await reset();
    const code = await ensureSetupCode();
    const outcomes = await Promise.allSettled(
      ["one@example.com", "two@example.com", "three@example.com"].map((email, n) => setupFirstAdmin({ ...admin, email, code }, client(n))),
    );
    expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(1);
    for (const outcome of outcomes.filter((outcome) => outcome.status === "rejected")) {
      expect((outcome as PromiseRejectedResult).reason).toMatchObject({ code: "forbidden" });
    }
    expect(await app().user.count({ where: { role: "admin" } })).toBe(1);
  });

  it("stays closed to the code while TIDEWATER_API_TOKEN's account exists, and never claims that account", async () => {
    const { actorForToken, ensureEnvApiToken, ensureSetupCode, setupFirstAdmin, SERVICE_ACCOUNT_EMAIL } = await services();
    await reset();
    await ensureEnvApiToken("tw_headless_install_token_1");
    const code = await ensureSetupCode();
    await expect(setupFirstAdmin({ ...admin, email: SERVICE_ACCOUNT_EMAIL }, client(2))).rejects.toMatchObject({ code: "forbidden" });
    await expect(setupFirstAdmin({ ...admin, email: SERVICE_ACCOUNT_EMAIL, code }, client(2))).rejects.toMatchObject({ code: "conflict" });
    const account = await app().user.findUniqueOrThrow({ where: { email: SERVICE_ACCOUNT_EMAIL } });
    expect(account.passwordHash).toBe("!");
    expect(await setupFirstAdmin({ ...admin, code }, client(2))).toMatchObject({ email: "ada@example.com" });
    expect(await actorForToken("tw_headless_install_token_1")).toMatchObject({ email: SERVICE_ACCOUNT_EMAIL });
  });

  it("limits setup attempts per client address", async () => {
    const { ensureSetupCode, setupFirstAdmin } = await services();
    await reset();
    const code = await ensureSetupCode();
    await awayFromMinuteEdge();
    for (let i = 0; i < 10; i++) await expect(setupFirstAdmin({ ...admin, code: `guess-${i}` }, client(9))).rejects.toMatchObject({ code: "forbidden" });
    await expect(setupFirstAdmin({ ...admin, code }, client(9))).rejects.toMatchObject({ code: "too_many_requests", retryAfterSeconds: expect.any(Number) });
  });

  it("creates the admin from TIDEWATER_ADMIN_EMAIL once, and never resets a password changed since", async () => {
    const { setupAdminFromEnv } = await services();
    const { hashPassword, verifyPassword } = await import("../auth/password");
    await reset();
    const outcomes = await Promise.all([setupAdminFromEnv("ops@example.com", "first password!"), setupAdminFromEnv("ops@example.com", "first password!")]);
    expect(outcomes.filter((outcome) => outcome === "created")).toHaveLength(1);
    await app().user.update({ where: { email: "ops@example.com" }, data: { passwordHash: await hashPassword("changed in the app") } });
    expect(await setupAdminFromEnv("ops@example.com", "first password!")).toBe("kept");
    const user = await app().user.findUniqueOrThrow({ where: { email: "ops@example.com" } });
    expect(await verifyPassword("changed in the app", user.passwordHash)).toBe(true);
    expect(await setupAdminFromEnv("other@example.com", "another password")).toBe("ignored");
    expect(await app().user.count()).toBe(1);
  });
}
