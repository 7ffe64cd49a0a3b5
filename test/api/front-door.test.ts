// The front door, tried as an attacker would, over HTTP against the production build: first-admin
// setup needs the code printed at start, sign-in is rate limited and costs the same for unknown
// emails, the session cookie is Secure behind a TLS proxy, a changed env token revokes the old one,
// expired tokens and dead invites are refused.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer, type AppServer } from "./support/app-server";
import { cookieHeader, signInOverHttp } from "./support/session-cookie";
import { awayFromMinuteEdge } from "../support/minute-window";

const ADMIN = { name: "Ada", email: "ada@example.com", password: "correct horse battery" };
let app: AppServer;

/** Requests from one client address each (the last X-Forwarded-For entry), so limits do not mix. */
const from = (address: string, more: Record<string, string> = {}) => ({ "x-forwarded-for": address, ...more });

async function setup(body: unknown, address: string) {
  const response = await fetch(`${app.url}/api/setup`, { method: "POST", headers: from(address, { "content-type": "application/json" }), body: JSON.stringify(body) });
  return { status: response.status, body: await response.json(), headers: response.headers };
}


const signIn = (email: string, password: string, headers: Record<string, string>) => signInOverHttp(app.url, email, password, headers);

beforeAll(async () => {
  app = await startAppServer();
}, 600_000);

afterAll(async () => {
  await app?.stop();
});

describe("first-admin setup", () => {
  it("prints a setup link at start and prefills its code on /setup", async () => {
    const link = app.setupLink();
    expect(link).toMatch(new RegExp(`^${app.url}/setup\\?code=[\\w-]{20,}$`));
    const html = await (await fetch(link!)).text();
    expect(html).toContain(`value="${new URL(link!).searchParams.get("code")}"`);
  });

  it("refuses setup without the code, with a wrong code, and for the API token's account", async () => {
    const code = new URL(app.setupLink()!).searchParams.get("code")!;
    expect(await setup(ADMIN, "198.51.100.1")).toMatchObject({ status: 403, body: { error: { code: "forbidden" } } });
    expect(await setup({ ...ADMIN, code: "x".repeat(24) }, "198.51.100.1")).toMatchObject({ status: 403 });
    expect(await setup({ ...ADMIN, email: "api@tidewater.local", code }, "198.51.100.1")).toMatchObject({ status: 409 });
    expect((await signIn("api@tidewater.local", "!", from("198.51.100.1"))).signedIn).toBe(false);
  });

  it("reads a setup body only as JSON and only up to 16 KiB", async () => {
    const post = (contentType: string, body: string) =>
      fetch(`${app.url}/api/setup`, { method: "POST", headers: from("198.51.100.9", { "content-type": contentType }), body });
    expect((await post("text/plain", JSON.stringify(ADMIN))).status).toBe(415);
    const huge = await post("application/json", JSON.stringify({ ...ADMIN, name: "x".repeat(1024 * 1024) }));
    expect(huge.status).toBe(413);
    expect(((await huge.json()) as { error: { code: string } }).error.code).toBe("payload_too_large");
  });

  it("limits wrong setup codes per client address with 429 and Retry-After", async () => {
    await awayFromMinuteEdge();
    const replies = [];
    for (let i = 0; i < 11; i++) replies.push(await setup({ ...ADMIN, code: `guess-${i}-${"x".repeat(20)}` }, "198.51.100.2"));
    expect(replies.slice(0, 10).every((reply) => reply.status === 403)).toBe(true);
    expect(replies[10].status).toBe(429);
    expect(Number(replies[10].headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("makes exactly one admin when two setups with the right code arrive at once", async () => {
    const code = new URL(app.setupLink()!).searchParams.get("code")!;
    const replies = await Promise.all(
      ["ada@example.com", "mallory@example.com"].map((email, i) => setup({ ...ADMIN, email, code }, `198.51.100.${10 + i}`)),
    );
    expect(replies.map((reply) => reply.status).sort()).toEqual([201, 403]);
    const winner = replies.find((reply) => reply.status === 201)!.body.email as string;
    ADMIN.email = winner;
    expect((await signIn(winner, ADMIN.password, from("198.51.100.12"))).signedIn).toBe(true);
    expect(await setup({ ...ADMIN, email: "late@example.com", code }, "198.51.100.13")).toMatchObject({ status: 403 });
    expect((await fetch(`${app.url}/setup`, { redirect: "manual" })).headers.get("location")).toMatch(/\/sign-in$/);
  });
});

describe("sign-in", () => {
  it("answers the 11th of 30 wrong passwords with 429 and Retry-After, and the form's message", async () => {
    await awayFromMinuteEdge();
    const statuses: number[] = [];
    let limited: Awaited<ReturnType<typeof signIn>> | undefined;
    for (let i = 0; i < 30; i++) {
      const reply = await signIn(ADMIN.email, `wrong password ${i}`, from("203.0.113.1"));
      statuses.push(reply.status);
      if (reply.status === 429) limited ??= reply;
    }
    expect(statuses.slice(0, 10).every((status) => status !== 429)).toBe(true);
    expect(statuses.slice(10).every((status) => status === 429)).toBe(true);
    const retryAfter = Number(limited!.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    const body = JSON.parse(limited!.text);
    expect(body.error).toMatchObject({ code: "too_many_requests", message: `Too many sign-in attempts. Try again in ${retryAfter} seconds.` });
    expect(new URL(body.url).searchParams.get("error")).toBe(`TooManyAttempts:${retryAfter}`);
    // The right password is refused too while the email is limited, from any address.
    expect((await signIn(ADMIN.email, ADMIN.password, from("203.0.113.2"))).status).toBe(429);
  });

  it("limits one client address across many emails", async () => {
    await awayFromMinuteEdge();
    const statuses = [];
    for (let i = 0; i < 11; i++) statuses.push((await signIn(`spray${i}@example.com`, "guess guess guess", from("203.0.113.3"))).status);
    expect(statuses.slice(0, 10)).not.toContain(429);
    expect(statuses[10]).toBe(429);
  });

  it("takes as long for an unknown email as for a known one with a wrong password", async () => {
    const { db } = await appDb();
    const { hashPassword } = await import("../../lib/auth/password");
    await db.user.create({ data: { email: "timing@example.com", passwordHash: await hashPassword("the real password 1") } });
    const time = async (email: string, address: string) => {
      const start = performance.now();
      expect((await signIn(email, "wrong password", from(address))).signedIn).toBe(false);
      return performance.now() - start;
    };
    await time("warm-up@example.com", "203.0.113.4"); // the dummy hash is made on first use
    // Interleaved and compared by median, so a busy host slows both alike rather than one run of four.
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 5; i++) {
      known.push(await time("timing@example.com", "203.0.113.5"));
      unknown.push(await time("nobody-here@example.com", "203.0.113.6"));
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
    expect(median(unknown) / median(known)).toBeGreaterThan(0.6);
  });

  it("sets a Secure, __Secure- cookie when reached over HTTPS through a proxy, and reads it back", async () => {
    // Its own admin: the 30 wrong passwords above keep ADMIN's email limited for this minute.
    const { db } = await appDb();
    const { hashPassword } = await import("../../lib/auth/password");
    const grace = { email: "grace@example.com", password: "behind the proxy 1" };
    await db.user.create({ data: { email: grace.email, role: "admin", passwordHash: await hashPassword(grace.password) } });
    const https = from("203.0.113.8", { "x-forwarded-proto": "https" });
    const reply = await signIn(grace.email, grace.password, https);
    const session = reply.setCookies.find((cookie) => cookie.includes("next-auth.session-token="));
    expect(session).toMatch(/^__Secure-next-auth\.session-token=/);
    expect(session).toMatch(/;\s*Secure/i);
    const sources = await fetch(`${app.url}/api/v1/sources`, { headers: { ...https, cookie: cookieHeader([session!]) } });
    expect(sources.status).toBe(200);

    const plain = await signIn(grace.email, grace.password, from("203.0.113.9"));
    expect(plain.setCookies.find((cookie) => cookie.includes("next-auth.session-token="))).not.toMatch(/;\s*Secure/i);
  });
});

describe("API tokens", () => {
  it("refuses an expired token with 401", async () => {
    const expiresAt = new Date(Date.now() + 2_000).toISOString();
    const created = await fetch(`${app.url}/api/v1/tokens`, {
      method: "POST",
      headers: { authorization: `Bearer ${app.token}`, "content-type": "application/json" },
      body: JSON.stringify({ name: "short-lived", expiresAt }),
    });
    expect(created.status).toBe(201);
    const { token } = (await created.json()) as { token: string };
    const sources = () => fetch(`${app.url}/api/v1/sources`, { headers: { authorization: `Bearer ${token}` } }).then((response) => response.status);
    expect(await sources()).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 2_200));
    expect(await sources()).toBe(401);
    const { tokens: listed } = (await (await fetch(`${app.url}/api/v1/tokens`, { headers: { authorization: `Bearer ${app.token}` } })).json()) as { tokens: { name: string; expired: boolean }[] };
    expect(listed.find((row) => row.name === "short-lived")).toMatchObject({ expired: true });
  });
});

describe("invites", () => {
  it("refuses an invite link once its inviter is removed, and a revoked one", async () => {
    const { db, services } = await appDb();
    const ada = await db.user.findUniqueOrThrow({ where: { email: ADMIN.email } });
    const bob = await db.user.create({ data: { email: "bob@example.com", role: "admin", passwordHash: "x" } });
    const fromBob = await services.inviteUser(bob.id, { email: "via-bob@example.com" });
    const revoked = await services.inviteUser(ada.id, { email: "revoked@example.com" });
    const page = async (path: string) => (await fetch(`${app.url}${path}`)).text();
    expect(await page(fromBob.path)).toContain("Join Tidewater");
    expect(await page(revoked.path)).toContain("Join Tidewater");
    await services.removeUser(ada.id, bob.id);
    const [open] = await db.invite.findMany({ where: { email: "revoked@example.com" } });
    await services.revokeInvite(open.id);
    expect(await page(fromBob.path)).toContain("Invitation not valid");
    expect(await page(revoked.path)).toContain("Invitation not valid");
  });
});

describe("TIDEWATER_API_TOKEN", () => {
  it("revokes the old value when the app restarts with a new one", async () => {
    const old = app.token;
    await app.stop({ keepData: true });
    app = await startAppServer({ dataDir: app.dataDir, token: `tw_rotated_${Date.now()}_value` });
    const status = (token: string) => fetch(`${app.url}/api/v1/sources`, { headers: { authorization: `Bearer ${token}` } }).then((response) => response.status);
    expect(await status(app.token)).toBe(200);
    expect(await status(old)).toBe(401);
    expect(app.setupLink()).toBeUndefined(); // an admin exists: no setup link any more
  }, 120_000);
});

/** The app's own database and services, on the server's data dir (there is no invite API). */
async function appDb() {
  process.env.TIDEWATER_DATA_DIR = app.dataDir;
  delete process.env.DATABASE_URL;
  delete process.env.TIDEWATER_SECRET_KEY;
  const { db } = await import("../../lib/db");
  const services = { ...(await import("../../lib/users/invite-user")), ...(await import("../../lib/users/revoke-invite")), ...(await import("../../lib/users/remove-user")) };
  return { db: db(), services };
}
