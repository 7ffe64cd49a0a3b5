// The cluster tests' proof of "no overlap" is only as good as the receiver's eye for one.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSerialReceiver, type SerialReceiver } from "./serial-receiver";

let receiver: SerialReceiver;

beforeAll(async () => {
  receiver = await startSerialReceiver();
});

afterAll(() => receiver?.stop());

const post = (key: string, call: object) =>
  fetch(receiver.url(key), { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(call) });

describe("the serial receiver", () => {
  it("sees no overlap in requests one after another, and an overlap in two at once to one key", async () => {
    receiver.setDelay("a", 50);
    await post("a", { messageId: "1" });
    await post("a", { messageId: "2" });
    await Promise.all([post("b", { messageId: "3" }), post("a", { messageId: "4" })]);
    expect(receiver.overlaps()).toEqual([]);
    await Promise.all([post("a", { messageId: "5" }), post("a", { messageId: "6" })]);
    expect(receiver.overlaps()).toHaveLength(1);
    expect(receiver.deliveries("a").map((d) => d.call.messageId).sort()).toEqual(["1", "2", "4", "5", "6"]);
  });

  it("tells runs whose calls interleave from runs one after another, in calls or batches", async () => {
    for (const run of ["x", "x", "y"]) await post("c", { messageId: run, traits: { run } });
    await post("c", { batch: [{ messageId: "z1", traits: { run: "z" } }, { messageId: "z2", traits: { run: "z" } }] });
    const runOf = (call: { traits?: Record<string, unknown> }) => call.traits?.run;
    expect(receiver.interleaved("c", runOf)).toBe(false);
    expect(receiver.deliveries("c")).toHaveLength(5);
    await post("c", { messageId: "x", traits: { run: "x" } });
    expect(receiver.interleaved("c", runOf)).toBe(true);
  });
});
