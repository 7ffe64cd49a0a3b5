import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadConfigDir } from "./load-config-dir";
import { problemText } from "./yaml-file";

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function write(files: Record<string, string[]>) {
  dir = mkdtempSync(path.join(tmpdir(), "tidewater-config-"));
  for (const [file, lines] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), lines.join("\n"));
  }
  return loadConfigDir(dir).problems.map((problem) => problemText({ ...problem, file: path.relative(dir, path.resolve(problem.file)) }));
}

const source = ["key: demo", "name: Demo", "kind: demo", "databases:", "  - key: sample", "    name: Sample", "    config:", "      dataset: saas"];
const inbox = ["key: inbox", "name: Inbox", "kind: inbox", "config: {}"];
const sync = (key: string, after?: string) => [
  `key: ${key}`, `name: ${key}`, "type: identify", ...(after ? ["schedule:", "  kind: after", `  sync: ${after}`] : ["frequencyMinutes: 15"]),
  "source: demo", "database: sample", "destinations: [inbox]", `query: SELECT 1 AS "userId"`,
];

describe("loadConfigDir", () => {
  it("accepts a valid directory, a chain included", () => {
    expect(write({ "sources/demo.yaml": source, "destinations/inbox.yaml": inbox, "syncs/a.yaml": sync("a"), "syncs/b.yaml": sync("b", "a") })).toEqual([]);
  });

  it("reports a chain that loops, a missing database, a YAML error and a key that is not the file's name, each at its line", () => {
    const problems = write({
      "sources/demo.yaml": source,
      "destinations/inbox.yaml": inbox,
      "destinations/other.yaml": ["key: elsewhere", "name: Other", "kind: inbox"],
      "syncs/a.yaml": sync("a", "b"),
      "syncs/b.yaml": sync("b", "a"),
      "syncs/c.yaml": sync("c").map((line) => line.replace("database: sample", "database: nope")),
      "syncs/d.yaml": ["key: d", "name: D", "name: again"],
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        "destinations/other.yaml:1: key: \"elsewhere\" is not the file's name; name the file elsewhere.yaml",
        "syncs/a.yaml:6: schedule.sync: the syncs a → b → a would run in a loop",
        "syncs/c.yaml:6: database: the source \"demo\" has no database with the key \"nope\"",
      ]),
    );
    expect(problems.some((problem) => problem.startsWith("syncs/d.yaml:3: "))).toBe(true);
  });
});
