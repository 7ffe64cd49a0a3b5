// The sign-in limits and the same work for unknown emails, against a real app database.
import { beforeAll, describe, expect, it } from "vitest";
import { useFreshAppDatabase } from "../../test/support/app-db";
import { awayFromMinuteEdge } from "../../test/support/minute-window";
import type { Db } from "../db";

let app: Db;
const from = (address: string) => new Headers({ "x-forwarded-for": address });

beforeAll(async () => {
  app = await useFreshAppDatabase();
});

// awayFromMinuteEdge may wait up to 5 s, and scrypt is slow on a busy machine.
const SLOW = 30_000;

describe("consumeSignInAttempt", { timeout: SLOW }, () => {
  it("allows 10 attempts a minute per email, then refuses with the seconds to wait", async () => {
    await awayFromMinuteEdge();
    const { consumeSignInAttempt } = await import("./sign-in-limit");
    for (let i = 0; i < 10; i++) expect(await consumeSignInAttempt("Ada@Example.com", from(`10.0.0.${i}`))).toEqual({ allowed: true });
    const refused = await consumeSignInAttempt("ada@example.com ", from("10.0.1.1"));
    expect(refused).toMatchObject({ allowed: false });
    expect((refused as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(0);
    expect((refused as { retryAfterSeconds: number }).retryAfterSeconds).toBeLessThanOrEqual(60);
  });

  it("allows 10 attempts a minute per client address, whatever the emails", async () => {
    await awayFromMinuteEdge();
    const { consumeSignInAttempt } = await import("./sign-in-limit");
    for (let i = 0; i < 10; i++) expect((await consumeSignInAttempt(`spray${i}@example.com`, from("192.0.2.7"))).allowed).toBe(true);
    expect((await consumeSignInAttempt("spray-next@example.com", from("192.0.2.7"))).allowed).toBe(false);
    // The address is the last X-Forwarded-For entry: the one a proxy appended.
    expect((await consumeSignInAttempt("spray-next@example.com", from("1.2.3.4, 192.0.2.7"))).allowed).toBe(false);
  });

  it("cannot be outrun by a burst of parallel attempts", async () => {
    await awayFromMinuteEdge();
    const { consumeSignInAttempt } = await import("./sign-in-limit");
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => consumeSignInAttempt("burst@example.com", from(`10.9.0.${i}`))));
    expect(results.filter((result) => result.allowed)).toHaveLength(10);
  });

  it("does not count sign-ins that succeeded", async () => {
    const { consumeSignInAttempt, refundSignInAttempt } = await import("./sign-in-limit");
    for (let i = 0; i < 25; i++) {
      expect((await consumeSignInAttempt("daily@example.com", from("10.7.0.1"))).allowed).toBe(true);
      await refundSignInAttempt("daily@example.com", from("10.7.0.1"));
    }
  });

  it("forgets windows that have passed", async () => {
    const { consumeAttempt } = await import("./rate-limit");
    const limit = { scope: "test", limit: 1, windowSeconds: 60 };
    expect((await consumeAttempt(limit, "x", Date.parse("2026-01-01T00:00:10Z"))).allowed).toBe(true);
    expect((await consumeAttempt(limit, "x", Date.parse("2026-01-01T00:00:50Z")))).toMatchObject({ allowed: false, retryAfterSeconds: 10 });
    expect((await consumeAttempt(limit, "x", Date.parse("2026-01-01T00:01:01Z"))).allowed).toBe(true);
    expect(await app.rateLimit.count({ where: { expiresAt: { lte: new Date("2026-01-01T00:01:00Z") } } })).toBe(0);
  });
});

describe("checkCredentials", { timeout: SLOW }, () => {
  it("runs scrypt for an unknown email and for the API service account, as for a known one", async () => {
    const { checkCredentials } = await import("./check-credentials");
    const { hashPassword, verifyPassword } = await import("./password");
    await app.user.create({ data: { email: "known@example.com", passwordHash: await hashPassword("correct horse battery") } });
    await app.user.create({ data: { email: "api@tidewater.local", role: "admin", passwordHash: "!" } });
    const verified: string[] = [];
    const spy = async (password: string, hash: string) => (verified.push(hash), verifyPassword(password, hash));
    expect(await checkCredentials("known@example.com", "correct horse battery", spy)).toMatchObject({ email: "known@example.com" });
    expect(await checkCredentials("known@example.com", "wrong", spy)).toBeNull();
    expect(await checkCredentials("nobody@example.com", "wrong", spy)).toBeNull();
    expect(await checkCredentials("api@tidewater.local", "!", spy)).toBeNull();
    expect(verified).toHaveLength(4);
    expect(verified.every((hash) => hash.startsWith("scrypt$"))).toBe(true);
  });

  it("takes about as long for an unknown email as for a wrong password", async () => {
    const { checkCredentials } = await import("./check-credentials");
    await checkCredentials("nobody@example.com", "warm up the dummy hash");
    const time = async (email: string) => {
      const start = performance.now();
      for (let i = 0; i < 3; i++) await checkCredentials(email, "wrong password");
      return performance.now() - start;
    };
    const [known, unknown] = [await time("known@example.com"), await time("nobody@example.com")];
    expect(unknown / known).toBeGreaterThan(0.5);
  });
});
