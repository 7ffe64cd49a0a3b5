// Each destination against a real local HTTP receiver: payload shapes, signatures, limits, retries,
// the circuit breaker and the address checks.
import { createHmac } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../lib/db";
import { startEngineFixture, type EngineFixture } from "./support/engine-fixture";
import type { Receiver } from "./support/receiver";

let fixture: EngineFixture;
let receiver: Receiver;
let app: Db;
let sourceId: string;
let databaseId: string;

beforeAll(async () => {
  fixture = await startEngineFixture();
  ({ receiver, app, sourceId, databaseId } = fixture);
});

afterAll(() => fixture?.stop());

beforeEach(() => receiver.reset());

async function syncTo(destination: { kind: string; config: Record<string, unknown> }, query = "SELECT 'u1' AS userId, 'ada@example.com' AS email") {
  const { createDestination } = await import("../lib/destinations/create-destination");
  const { createSync } = await import("../lib/syncs/create-sync");
  const { id } = await createDestination({ name: `${destination.kind} ${Math.random()}`, ...destination });
  const sync = await createSync({ sourceId, databaseId, name: "s", type: "identify", query, frequencyMinutes: 60, destinationIds: [id] });
  return fixture.runNow(sync.id);
}

const basic = (key: string) => `Basic ${Buffer.from(`${key}:`).toString("base64")}`;
const identifyCall = { type: "identify", userId: "u1", traits: { email: "ada@example.com" }, messageId: expect.any(String) };

describe("payloads as each destination documents them", () => {
  it("Customer.io Data Pipelines: POST /v1/batch with the API key as basic user", async () => {
    const run = await syncTo({ kind: "customerio", config: { region: "eu", apiKey: "cio_key", endpoint: `${receiver.url}/v1/batch` } });
    expect(run.status).toBe("succeeded");
    const [request] = receiver.requests;
    expect(request.path).toBe("/v1/batch");
    expect(request.headers.authorization).toBe(basic("cio_key"));
    expect(request.json).toEqual({ batch: [identifyCall], sentAt: expect.any(String) });
  });

  it("Segment: POST /v1/batch with the write key as basic user", async () => {
    await syncTo({ kind: "segment", config: { writeKey: "seg_key", endpoint: `${receiver.url}/v1/batch` } });
    expect(receiver.requests[0].headers.authorization).toBe(basic("seg_key"));
    expect(receiver.requests[0].json).toEqual({ batch: [identifyCall], sentAt: expect.any(String) });
  });

  it("webhook, one POST per call, with custom headers and an HMAC-SHA256 signature the receiver verifies", async () => {
    const secret = "whsec_0123456789abcdef";
    const run = await syncTo(
      { kind: "webhook", config: { url: `${receiver.url}/hook`, mode: "call", headers: { "X-Team": "growth" }, signingSecret: secret } },
      "SELECT 'u1' AS userId, 'ada@example.com' AS email UNION ALL SELECT 'u2', 'grace@example.com'",
    );
    expect(run).toMatchObject({ status: "succeeded", rowsSucceeded: 2 });
    expect(receiver.requests).toHaveLength(2);
    for (const request of receiver.requests) {
      expect(request.headers["x-team"]).toBe("growth");
      const [, timestamp, signature] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(request.headers["x-tidewater-signature"]))!;
      expect(Math.abs(Number(timestamp) - Date.now() / 1000)).toBeLessThan(60);
      expect(signature).toBe(createHmac("sha256", secret).update(`${timestamp}.${request.body}`).digest("hex"));
      expect(request.json).toMatchObject({ type: "identify", traits: { email: expect.stringContaining("@example.com") } });
    }
  });

  it("the built-in inbox keeps every call it receives", async () => {
    const run = await syncTo({ kind: "inbox", config: {} });
    expect(run.status).toBe("succeeded");
    const stored = await app.inboxMessage.findMany({ orderBy: { receivedAt: "desc" }, take: 1 });
    expect(JSON.parse(stored[0].payload)).toEqual(identifyCall);
  });

  it("refuses calls over 32 KB for Customer.io as row errors, and sends the rest", async () => {
    const run = await syncTo(
      { kind: "customerio", config: { apiKey: "k", endpoint: `${receiver.url}/v1/batch` } },
      "SELECT 'u1' AS userId, repeat('x', 40000) AS bio UNION ALL SELECT 'u2', 'short'",
    );
    expect(run).toMatchObject({ status: "succeeded", rowsSucceeded: 1, rowsFailed: 1 });
    const [error] = await app.runError.findMany({ where: { runId: run.id } });
    expect(error.reason).toMatch(/accepts at most 32768 bytes per call/);
    expect((receiver.requests[0].json as { batch: { userId: string }[] }).batch.map((call) => call.userId)).toEqual(["u2"]);
  });
});

describe("retries, rate limits and the circuit breaker", () => {
  it("waits as long as Retry-After says on a 429, then succeeds", async () => {
    const times: number[] = [];
    receiver.respondWith((_request, index) => {
      times.push(Date.now());
      return index === 0 ? { status: 429, headers: { "retry-after": "2" }, body: "slow down" } : { status: 200, body: {} };
    });
    const run = await syncTo({ kind: "http-batch", config: { url: receiver.url, writeKey: "k" } });
    expect(run.status).toBe("succeeded");
    expect(times).toHaveLength(2);
    expect(times[1] - times[0]).toBeGreaterThanOrEqual(2_000);
  });

  it("stops sending to a service that keeps failing with 5xx and fails the run with a clear message", async () => {
    receiver.respondWith(() => ({ status: 503, body: "down for maintenance" }));
    const run = await syncTo(
      { kind: "http-batch", config: { url: receiver.url, writeKey: "k", concurrency: 4 } },
      "SELECT g AS userId FROM generate_series(1, 10000) g",
    );
    expect(run.status).toBe("failed");
    // Requests already in flight when the breaker opens still count, so 10 to 13 failures.
    expect(run.error).toMatch(/failed 1[0-3] times in a row \(last: HTTP 503: down for maintenance\); Tidewater stopped sending to it/);
    // Four batches retrying up to 6 times each would make 24 requests; the breaker stops at 10 (+3 in flight).
    expect(receiver.requests.length).toBeLessThanOrEqual(13);
    expect((await app.sync.findUniqueOrThrow({ where: { id: run.syncId } })).lastSyncTime).toBe(0);
  });

  it("keeps to a destination's rate limit", async () => {
    const run = await syncTo(
      { kind: "webhook", config: { url: `${receiver.url}/hook`, mode: "call", rateLimitPerSecond: 5 } },
      "SELECT g AS userId FROM generate_series(1, 11) g",
    );
    expect(run.status).toBe("succeeded");
    expect(receiver.requests).toHaveLength(11);
    expect(run.finishedAt!.getTime() - run.startedAt.getTime()).toBeGreaterThanOrEqual(2_000);
  });
});

describe("destination address checks", () => {
  it("refuses cloud-metadata addresses even when private destinations are allowed", async () => {
    const { createDestination } = await import("../lib/destinations/create-destination");
    for (const url of ["http://169.254.169.254/latest", "http://[fd00:ec2::254]/", "http://metadata.google.internal/computeMetadata"]) {
      await expect(createDestination({ name: "meta", kind: "http-batch", config: { url, writeKey: "k" } })).rejects.toMatchObject({ code: "invalid_input" });
    }
  });

  it("refuses loopback and private addresses, by IP or by name, without permission, before any request", async () => {
    const { postJson } = await import("../lib/http/post-json");
    const policy = { allowPrivate: false };
    const port = new URL(receiver.url).port;
    await expect(postJson(`http://127.0.0.1:${port}/v1/batch`, "{}", { policy })).rejects.toThrow(/loopback address/);
    await expect(postJson(`http://10.1.2.3:${port}/v1/batch`, "{}", { policy })).rejects.toThrow(/private address/);
    // A name is checked after DNS: localhost resolves to loopback.
    await expect(postJson(`http://localhost:${port}/v1/batch`, "{}", { policy, retries: 0 })).rejects.toThrow(/Refused localhost/);
    expect(receiver.requests).toHaveLength(0);
  });
});
