// GET /metrics after a real run (PostgreSQL source → HTTP receiver), and the run's log lines.
import parsePrometheus, { type MetricFamily } from "parse-prometheus-text-format";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEngineFixture, type EngineFixture } from "../support/engine-fixture";
import { TEST_PASSWORD } from "../support/postgres";

let fixture: EngineFixture;
let adminToken: string;
let memberToken: string;
const lines: string[] = [];

beforeAll(async () => {
  fixture = await startEngineFixture();
  // 95 people with an id and 5 without: those fail the mapping (identify needs a userId).
  await fixture.sql(`CREATE TABLE people AS SELECT CASE WHEN g <= 95 THEN g::text END AS id, 'p' || g || '@example.com' AS email FROM generate_series(1, 100) g`);
  const { useLogDestination } = await import("../../lib/observability/log");
  useLogDestination({ write: (line: string) => void lines.push(line) });
  const { createApiToken } = await import("../../lib/auth/api-tokens");
  const admin = await fixture.app.user.create({ data: { email: "ops@example.com", role: "admin", passwordHash: "x" } });
  const member = await fixture.app.user.create({ data: { email: "member@example.com", role: "member", passwordHash: "x" } });
  adminToken = (await createApiToken(admin.id, "prometheus")).token;
  memberToken = (await createApiToken(member.id, "curious")).token;
});

afterAll(() => fixture?.stop());

async function scrape(authorization?: string) {
  const { GET } = await import("../../app/metrics/route");
  return GET(new Request("http://localhost/metrics", { headers: authorization ? { authorization } : {} }));
}

const family = (families: MetricFamily[], name: string) => families.find((f) => f.name === name);
const value = (families: MetricFamily[], name: string, labels: Record<string, string>) =>
  Number(family(families, name)?.metrics.find((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v))?.value ?? NaN);

describe("GET /metrics", () => {
  it("refuses a scrape without a token, with a wrong one, and with a member's", async () => {
    expect((await scrape()).status).toBe(401);
    expect((await scrape("Bearer tw_not-a-token")).status).toBe(401);
    expect((await scrape(`Basic ${adminToken}`)).status).toBe(401);
    expect((await scrape(`Bearer ${memberToken}`)).status).toBe(403);
  });

  it("counts a run's rows, requests, 429s and retries as the run recorded them", async () => {
    const host = new URL(fixture.receiver.url).host;
    // The first batch is throttled once; its retry and every later batch are taken.
    fixture.receiver.respondWith((_request, index) => (index === 0 ? { status: 429, headers: { "retry-after": "0" } } : { status: 200, body: {} }));
    const { createSync } = await import("../../lib/syncs/create-sync");
    const sync = await createSync({
      sourceId: fixture.sourceId, databaseId: fixture.databaseId, name: "People", type: "identify",
      query: "SELECT id AS \"userId\", email FROM people", frequencyMinutes: 60, destinationIds: [fixture.destinationId],
    });
    const run = await fixture.runNow(sync.id);
    expect(run).toMatchObject({ status: "succeeded", rowsRead: 100, rowsFailed: 5, rowsSucceeded: 95 });

    const response = await scrape(`Bearer ${adminToken}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/plain");
    const families = parsePrometheus(await response.text());
    const bySync = { sync_id: sync.id };
    expect(value(families, "tidewater_runs_total", { ...bySync, status: "succeeded" })).toBe(1);
    expect(value(families, "tidewater_rows_read_total", bySync)).toBe(run.rowsRead);
    expect(value(families, "tidewater_rows_sent_total", bySync)).toBe(run.rowsSucceeded);
    expect(value(families, "tidewater_rows_failed_total", bySync)).toBe(run.rowsFailed);
    expect(value(families, "tidewater_rows_unchanged_total", bySync)).toBe(run.rowsUnchanged);
    const okRequests = fixture.receiver.requests.length - 1;
    expect(value(families, "tidewater_destination_requests_total", { host, status_code: "200" })).toBe(okRequests);
    expect(value(families, "tidewater_destination_requests_total", { host, status_code: "429" })).toBe(1);
    expect(value(families, "tidewater_destination_throttled_total", { host })).toBe(1);
    expect(value(families, "tidewater_destination_retries_total", { host })).toBe(1);
    expect(value(families, "tidewater_circuit_breaker_open", { destination: "Receiver" })).toBe(0);
    // The parser drops a labelled histogram's labels, count and sum; its +Inf bucket is the count.
    const durations = family(families, "tidewater_run_duration_seconds")!.metrics;
    expect(durations.map((m) => Number(m.buckets?.["+Inf"]))).toEqual([1]);
    expect(family(families, "tidewater_scheduler_lag_seconds")?.type).toBe("HISTOGRAM");

    // Every line the run logged carries its run id, and no secret the test set is in any line.
    const ofRun = lines.map((line) => JSON.parse(line)).filter((line) => line.syncId === sync.id);
    expect(ofRun.map((line) => line.msg)).toEqual(expect.arrayContaining(["run started", "run ended"]));
    for (const line of ofRun) expect(line.runId).toBe(run.id);
    expect(ofRun.find((line) => line.msg === "run ended")).toMatchObject({ status: "succeeded", rowsRead: 100, rowsFailed: 5 });
    const all = lines.join("");
    for (const secret of [TEST_PASSWORD, "wk_test", adminToken, memberToken]) expect(all).not.toContain(secret);
  });
});

describe("GET /healthz and /readyz in the embedded mode (SQLite)", () => {
  it("answers ok with a status word only", async () => {
    const health = await (await import("../../app/healthz/route")).GET();
    expect([health.status, await health.json()]).toEqual([200, { status: "ok" }]);
    const ready = await (await import("../../app/readyz/route")).GET();
    expect([ready.status, await ready.json()]).toEqual([200, { status: "ok" }]);
  });
});

describe("an API request's log line", () => {
  it("carries a request id, sent back in X-Request-Id, and not the token", async () => {
    const { withAuth } = await import("../../lib/api/with-auth");
    const { log } = await import("../../lib/observability/log");
    const handler = withAuth(async () => {
      log().info("inside the handler");
      return { ok: true };
    });
    const call = (headers: Record<string, string>) =>
      handler(new Request("http://localhost/api/v1/things", { headers: { authorization: `Bearer ${adminToken}`, ...headers } }), { params: Promise.resolve({}) });
    lines.length = 0;
    const fresh = await call({});
    const id = fresh.headers.get("x-request-id")!;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(lines.map((line) => JSON.parse(line))).toMatchObject([
      { msg: "inside the handler", requestId: id },
      { msg: "api request", requestId: id, method: "GET", path: "/api/v1/things", status: 200 },
    ]);
    expect((await call({ "x-request-id": "proxy-42" })).headers.get("x-request-id")).toBe("proxy-42");
    expect((await call({ "x-request-id": "a b<script>" })).headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(lines.join("")).not.toContain(adminToken);
  });
});
