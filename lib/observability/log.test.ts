import { describe, expect, it } from "vitest";
import { createLogger, withLogContext } from "./log";

function capture() {
  const lines: string[] = [];
  return { lines, logger: createLogger({ write: (line: string) => void lines.push(line) }) };
}

describe("the logger", () => {
  it("redacts secrets by path, at the top and nested", () => {
    const { lines, logger } = capture();
    logger.info(
      { password: "pw-top", config: { host: "db", password: "pw-config", writeKey: "wk-1" }, err: { config: { apiKey: "ak-1" } }, request: { headers: { authorization: "Bearer tw_x" } } },
      "connecting",
    );
    const [line] = lines;
    for (const secret of ["pw-top", "pw-config", "wk-1", "ak-1", "tw_x"]) expect(line).not.toContain(secret);
    expect(JSON.parse(line)).toMatchObject({ msg: "connecting", config: { host: "db", password: "[redacted]" } });
  });

  it("adds the context's ids to every line logged inside it, however deep the calls go", async () => {
    const { lines, logger } = capture();
    await withLogContext({ runId: "run_1", syncId: "sync_1" }, async () => {
      logger.info("first");
      await new Promise((resolve) => setTimeout(resolve, 1));
      await withLogContext({ requestId: "req_1" }, async () => logger.info("nested"));
    });
    logger.info("outside");
    expect(lines.map((line) => JSON.parse(line))).toMatchObject([
      { msg: "first", runId: "run_1", syncId: "sync_1" },
      { msg: "nested", runId: "run_1", requestId: "req_1" },
      { msg: "outside" },
    ]);
    expect(JSON.parse(lines[2]).runId).toBeUndefined();
  });
});
