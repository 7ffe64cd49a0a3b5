import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ignoredReason, isSuccessfulJobRun, parseDbtCloudEvent } from "./dbt-cloud-event";
import { dbtSignatureMatches } from "./verify-dbt-signature";

const SECRET = "dbt-secret-4417";
const BODY = JSON.stringify({ eventType: "job.run.completed", data: { runStatus: "Success", runId: "91" } });
const signed = (body: string, secret = SECRET) => createHmac("sha256", secret).update(body).digest("hex");

describe("dbtSignatureMatches", () => {
  it("accepts the hex HMAC-SHA256 of the exact body with the secret", () => {
    expect(dbtSignatureMatches(SECRET, BODY, signed(BODY))).toBe(true);
    expect(dbtSignatureMatches(SECRET, BODY, signed(BODY).toUpperCase())).toBe(true);
  });

  it("refuses another secret, a changed body, a truncated or missing signature", () => {
    expect(dbtSignatureMatches(SECRET, BODY, signed(BODY, "other"))).toBe(false);
    expect(dbtSignatureMatches(SECRET, BODY.replace("Success", "Error"), signed(BODY))).toBe(false);
    expect(dbtSignatureMatches(SECRET, `${BODY} `, signed(BODY))).toBe(false);
    expect(dbtSignatureMatches(SECRET, BODY, signed(BODY).slice(0, 40))).toBe(false);
    expect(dbtSignatureMatches(SECRET, BODY, "")).toBe(false);
    expect(dbtSignatureMatches(SECRET, BODY, null)).toBe(false);
  });
});

describe("dbt Cloud events", () => {
  it("runs only on job.run.completed with runStatus Success", () => {
    expect(isSuccessfulJobRun(parseDbtCloudEvent(BODY)!)).toBe(true);
    const errored = parseDbtCloudEvent(JSON.stringify({ eventType: "job.run.completed", data: { runStatus: "Error" } }))!;
    expect(isSuccessfulJobRun(errored)).toBe(false);
    expect(ignoredReason(errored)).toMatch(/runStatus Error/);
    const started = parseDbtCloudEvent(JSON.stringify({ eventType: "job.run.started", data: { runStatus: "Running" } }))!;
    expect(isSuccessfulJobRun(started)).toBe(false);
    expect(ignoredReason(started)).toMatch(/job\.run\.started starts nothing/);
    expect(isSuccessfulJobRun(parseDbtCloudEvent(JSON.stringify({ eventType: "job.run.errored", data: { runStatus: "Success" } }))!)).toBe(false);
  });

  it("reads nothing but JSON with an eventType", () => {
    expect(parseDbtCloudEvent("not json")).toBeNull();
    expect(parseDbtCloudEvent(JSON.stringify({ data: {} }))).toBeNull();
    expect(parseDbtCloudEvent("[]")).toBeNull();
  });
});
