import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startReceiver, type Receiver } from "./receiver";

describe("startReceiver", () => {
  let receiver: Receiver;

  beforeAll(async () => {
    receiver = await startReceiver();
  });
  beforeEach(() => receiver.reset());
  afterAll(async () => {
    await receiver.stop();
  });

  it("records a JSON POST and answers 200 {success:true} by default", async () => {
    const res = await fetch(`${receiver.url}/v1/batch?x=1`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: "Basic abc" },
      body: JSON.stringify({ batch: [{ type: "identify", userId: "u1" }] }),
    });

    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ success: true });
    expect(receiver.requests).toHaveLength(1);
    expect(receiver.requests[0]).toMatchObject({
      method: "POST",
      path: "/v1/batch?x=1",
      headers: { authorization: "Basic abc", "content-type": "application/json" },
      json: { batch: [{ type: "identify", userId: "u1" }] },
    });
  });

  it("plays a scripted 500-then-200 sequence", async () => {
    receiver.respondWith((_req, index) =>
      index === 0 ? { status: 500, body: { error: "boom" }, headers: { "retry-after": "0" } } : { status: 200, body: { ok: 1 } },
    );
    const post = () => fetch(`${receiver.url}/v1/track`, { method: "POST", body: "not json" });

    const first = await post();
    expect(first.status).toBe(500);
    expect(first.headers.get("retry-after")).toBe("0");
    expect(await first.json()).toEqual({ error: "boom" });
    const second = await post();
    expect(second.status).toBe(200);
    expect(await second.json()).toEqual({ ok: 1 });

    expect(receiver.requests.map((r) => [r.body, r.json])).toEqual([
      ["not json", undefined],
      ["not json", undefined],
    ]);
  });

  it("stops even with a keep-alive connection open", async () => {
    const other = await startReceiver();
    await (await fetch(other.url, { method: "POST", body: "{}" })).text();
    const started = Date.now();
    await other.stop();
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
