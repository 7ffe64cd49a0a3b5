// The `tidewater` CLI as a real child process against two running instances (the production build):
// export → apply on an empty second instance → export again gives the same files; plan shows an
// edited query as a diff; a second apply changes nothing; --prune deletes what the files no longer
// name; validate reports file:line; run --wait exits 1 on a failed run and 0 on a good one.
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startReceiver, type Receiver } from "../support/receiver";
import { APP_DIR, startAppServer, type AppServer } from "../api/support/app-server";

const WRITE_KEY = "wk_cli_round_trip_4471";
const SECRET_VARIABLE = "TIDEWATER_DESTINATION_EVENTS_API_WRITE_KEY";
let first: AppServer;
let second: AppServer;
let receiver: Receiver;
const work = mkdtempSync(path.join(tmpdir(), "tidewater-cli-"));
const dir = (name: string) => path.join(work, name);

type Result = { code: number; stdout: string; stderr: string };

/** `tidewater …` as a user runs it, with only the environment given (no inherited token or URL). */
function tidewater(args: string[], env: Record<string, string> = {}, options: { terminal?: boolean } = {}): Promise<Result> {
  const { TIDEWATER_API_TOKEN: _token, TIDEWATER_URL: _url, ...inherited } = process.env;
  const command = [process.execPath, path.join(APP_DIR, "bin/tidewater.mjs"), ...args];
  const [file, argv] = options.terminal ? ["script", ["-qec", command.join(" "), "/dev/null"]] : [command[0], command.slice(1)];
  return new Promise((resolve) => {
    execFile(file, argv, { cwd: work, env: { ...inherited, ...env } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

const against = (app: AppServer, extra: Record<string, string> = {}) => ({ TIDEWATER_URL: app.url, TIDEWATER_API_TOKEN: app.token, ...extra });

async function call(app: AppServer, method: string, route: string, body?: unknown) {
  const response = await fetch(`${app.url}/api/v1${route}`, {
    method,
    headers: { authorization: `Bearer ${app.token}`, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${route}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

/** Every file under a directory, by relative path. */
function filesOf(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(root, { recursive: true, encoding: "utf8" }).sort()) {
    const full = path.join(root, entry);
    try {
      out[entry] = readFileSync(full, "utf8");
    } catch {
      // a folder
    }
  }
  return out;
}

beforeAll(async () => {
  [first, second, receiver] = await Promise.all([startAppServer(), startAppServer(), startReceiver()]);
  // The first instance: the seeded demo (no keys) and a destination with a secret.
  const destination = await call(first, "POST", "/destinations", { name: "Events API", kind: "http-batch", config: { url: receiver.url, writeKey: WRITE_KEY } });
  const { syncs } = await call(first, "GET", "/syncs");
  const identify = syncs.find((sync: { name: string }) => sync.name === "Identify users");
  await call(first, "PATCH", `/syncs/${identify.id}`, { destinationIds: [...identify.destinationIds, destination.id], frequencyMinutes: 30 });
  // The second instance starts empty.
  for (const sync of (await call(second, "GET", "/syncs")).syncs) await call(second, "DELETE", `/syncs/${sync.id}`);
  for (const source of (await call(second, "GET", "/sources")).sources) await call(second, "DELETE", `/sources/${source.id}`);
  for (const item of (await call(second, "GET", "/destinations")).destinations) await call(second, "DELETE", `/destinations/${item.id}`);
}, 600_000);

afterAll(async () => {
  await Promise.all([first?.stop(), second?.stop(), receiver?.stop()]);
  rmSync(work, { recursive: true, force: true });
});

describe("tidewater export → apply → export", () => {
  it("exports every object, secrets as references named after the key, keys derived from names", async () => {
    const exported = await tidewater(["export", dir("from-first")], against(first));
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stderr).toContain('The source "Demo source" has no key: exported as "demo-source"');
    const files = filesOf(dir("from-first"));
    expect(Object.keys(files)).toEqual(
      expect.arrayContaining(["sources/demo-source.yaml", "destinations/events-api.yaml", "destinations/tidewater-inbox.yaml", "syncs/identify-users.yaml", "syncs/identify-users.sql", "syncs/track-events.yaml", "tidewater-config.schema.json"]),
    );
    expect(files["destinations/events-api.yaml"]).toContain(`writeKey: \${${SECRET_VARIABLE}}`);
    expect(JSON.stringify(files)).not.toContain(WRITE_KEY);
    expect(files["syncs/identify-users.yaml"].split("\n")[0]).toBe("# yaml-language-server: $schema=../tidewater-config.schema.json");
    expect(files["syncs/identify-users.yaml"]).toMatch(/destinations:\n {2}- events-api\n {2}- tidewater-inbox\n/);
    expect(files["syncs/identify-users.yaml"]).toContain("queryFile: identify-users.sql");
    expect((await tidewater(["validate", dir("from-first")])).code).toBe(0);
  });

  it("applies to an empty instance only with the secrets in the environment, then exports the same files", async () => {
    const unset = await tidewater(["apply", dir("from-first")], against(second));
    expect(unset.code).toBe(1);
    expect(unset.stderr).toMatch(new RegExp(`destinations/events-api.yaml:\\d+: ${SECRET_VARIABLE} is not set`));
    expect((await call(second, "GET", "/sources")).sources).toEqual([]);

    const applied = await tidewater(["apply", dir("from-first")], against(second, { [SECRET_VARIABLE]: WRITE_KEY }));
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout).toContain("+ create source demo-source");
    expect(applied.stdout).toContain("Created sync identify-users");

    const again = await tidewater(["export", dir("from-second")], against(second));
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).not.toContain("has no key");
    expect(filesOf(dir("from-second"))).toEqual(filesOf(dir("from-first")));
    // The secret reached the second instance: its destination got the write key.
    await call(second, "POST", `/syncs/${(await call(second, "GET", "/syncs?key=identify-users")).syncs[0].id}/runs`);
    await expect.poll(() => receiver.requests.length, { timeout: 30_000 }).toBeGreaterThan(0);
    expect(String(receiver.requests[0].headers.authorization)).toBe(`Basic ${Buffer.from(`${WRITE_KEY}:`).toString("base64")}`);
  });

  it("a second apply changes nothing, an unchanged secret included", async () => {
    const env = against(second, { [SECRET_VARIABLE]: WRITE_KEY });
    const before = (await call(second, "GET", "/audit-events?limit=200")).events.length;
    const again = await tidewater(["apply", dir("from-first")], env);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain("No changes");
    expect((await call(second, "GET", "/audit-events?limit=200")).events.length).toBe(before);
    // A changed secret is a change of that field, named but never shown.
    const changed = await tidewater(["plan", dir("from-first")], against(second, { [SECRET_VARIABLE]: "wk_rotated_0001" }));
    expect(changed.stdout).toContain("~ change destination events-api (config.writeKey)");
    expect(changed.stdout + changed.stderr).not.toContain("wk_rotated_0001");
  });

  it("on the instance it came from, apply gives the unkeyed objects their keys once", async () => {
    const env = against(first, { [SECRET_VARIABLE]: WRITE_KEY });
    const adopted = await tidewater(["apply", dir("from-first")], env);
    expect(adopted.code, adopted.stderr).toBe(0);
    expect(adopted.stdout).toContain("~ change source demo-source (key)");
    expect(adopted.stdout).not.toContain("+ create");
    expect((await call(first, "GET", "/sources?key=demo-source")).sources).toHaveLength(1);
    expect((await tidewater(["apply", dir("from-first")], env)).stdout).toContain("No changes");
  });
});

describe("tidewater plan and apply --prune", () => {
  it("shows an edited query as a unified diff, and applies it", async () => {
    const env = against(second, { [SECRET_VARIABLE]: WRITE_KEY });
    const query = path.join(dir("from-second"), "syncs/identify-users.sql");
    const original = readFileSync(query, "utf8");
    writeFileSync(query, original.replace(/^SELECT/m, "SELECT 'config-as-code' AS source_label,\n "));
    const plan = await tidewater(["plan", dir("from-second")], env);
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toContain("~ change sync identify-users (query)");
    expect(plan.stdout).toMatch(/^ {4}--- identify-users\.sql \(instance\)/m);
    expect(plan.stdout).toMatch(/^ {4}\+SELECT 'config-as-code' AS source_label,$/m);
    expect(plan.stdout).toMatch(/^ {4}-SELECT/m);
    expect(plan.stdout).toContain("Plan: 0 to create, 1 to change, 0 to delete.");
    expect((await call(second, "GET", "/syncs?key=identify-users")).syncs[0].query).not.toContain("config-as-code");

    expect((await tidewater(["apply", dir("from-second")], env)).code).toBe(0);
    expect((await call(second, "GET", "/syncs?key=identify-users")).syncs[0].query).toContain("'config-as-code' AS source_label");
    expect((await tidewater(["plan", dir("from-second")], env)).stdout).toContain("No changes");
  });

  it("deletes what the files no longer name only with --prune", async () => {
    const env = against(second, { [SECRET_VARIABLE]: WRITE_KEY });
    unlinkSync(path.join(dir("from-second"), "syncs/track-events.yaml"));
    unlinkSync(path.join(dir("from-second"), "syncs/track-events.sql"));
    const without = await tidewater(["apply", dir("from-second")], env);
    expect(without.code, without.stderr).toBe(0);
    expect(without.stderr).toContain("sync track-events");
    expect(without.stderr).toContain("apply --prune deletes them");
    expect((await call(second, "GET", "/syncs?key=track-events")).syncs).toHaveLength(1);

    const pruned = await tidewater(["apply", dir("from-second"), "--prune"], env);
    expect(pruned.code, pruned.stderr).toBe(0);
    expect(pruned.stdout).toContain("- delete sync track-events");
    expect((await call(second, "GET", "/syncs?key=track-events")).syncs).toEqual([]);
    expect((await call(second, "GET", "/syncs?key=identify-users")).syncs).toHaveLength(1);
    expect((await tidewater(["apply", dir("from-second"), "--prune"], env)).stdout).toContain("No changes");
  });
});

describe("tidewater validate", () => {
  it("reports each problem as file:line: message and exits 1", async () => {
    const broken = dir("broken");
    const copy = filesOf(dir("from-first"));
    for (const [file, text] of Object.entries(copy)) {
      mkdirSync(path.dirname(path.join(broken, file)), { recursive: true });
      writeFileSync(path.join(broken, file), text);
    }
    writeFileSync(
      path.join(broken, "syncs/broken.yaml"),
      ["key: broken", "name: Broken", "type: identfy", "frequencyMinutes: 0", "source: demo-source", "database: sample-saas-data", "destinations:", "  - tidewater-inbox", "query: SELECT 1"].join("\n"),
    );
    writeFileSync(
      path.join(broken, "syncs/dangling.yaml"),
      ["key: dangling", "name: Dangling", "type: track", "frequencyMinutes: 5", "source: demo-source", "database: sample-saas-data", "destinations:", "  - nowhere", "query: SELECT 1"].join("\n"),
    );
    writeFileSync(path.join(broken, "destinations/leaky.yaml"), ["key: leaky", "name: Leaky", "kind: http-batch", "config:", `  url: ${receiver.url}`, "  writeKey: wk_in_the_clear"].join("\n"));
    const result = await tidewater(["validate", broken]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/syncs[/\\]broken\.yaml:3: type: /);
    expect(result.stderr).toMatch(/syncs[/\\]broken\.yaml:4: frequencyMinutes: The shortest frequency is 1 minute/);
    expect(result.stderr).toMatch(/syncs[/\\]dangling\.yaml:8: destinations\.0: no destination has the key "nowhere"/);
    expect(result.stderr).toMatch(/destinations[/\\]leaky\.yaml:6: config\.writeKey: a secret setting must be a \$\{ENV_VAR\} reference/);
    // Nothing reached an instance: plan refuses the files before it asks anything.
    const plan = await tidewater(["plan", broken], against(second));
    expect(plan.code).toBe(1);
    expect(plan.stderr).toContain("nothing was changed");
  });
});

describe("tidewater run", () => {
  it("--wait exits 0 when the run succeeds and 1 when it fails", async () => {
    const good = await tidewater(["run", "identify-users", "--wait"], against(second));
    expect(good.code, good.stderr + good.stdout).toBe(0);
    expect(good.stdout).toMatch(/Run \S+ succeeded: \d+ rows read/);

    const { sources } = await call(second, "GET", "/sources?key=demo-source");
    const inbox = (await call(second, "GET", "/destinations?key=tidewater-inbox")).destinations[0];
    await call(second, "POST", "/syncs", {
      key: "broken-query", name: "Broken query", type: "identify", query: "SELECT * FROM no_such_table", frequencyMinutes: 60,
      sourceId: sources[0].id, databaseId: sources[0].databases[0].id, destinationIds: [inbox.id],
    });
    const bad = await tidewater(["run", "broken-query", "--wait"], against(second));
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/Run \S+ failed/);
    expect(bad.stderr).toContain("no_such_table");

    // A dry run sends nothing: the receiver behind events-api sees no request.
    const events = (await call(second, "GET", "/destinations?key=events-api")).destinations[0];
    await call(second, "POST", "/syncs", {
      key: "one-row", name: "One row", type: "identify", query: `SELECT 'u1' AS "userId", 'a@example.com' AS email`, frequencyMinutes: 60,
      sourceId: sources[0].id, databaseId: sources[0].databases[0].id, destinationIds: [events.id],
    });
    const seen = receiver.requests.length;
    const dry = await tidewater(["run", "one-row", "--dry-run"], against(second));
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/Dry run finished: 1 rows read, 1 calls would be sent, 0 invalid/);
    expect(dry.stdout).toContain('call (row 1): {"');
    expect(receiver.requests.length).toBe(seen);

    // On a terminal (a pseudo-terminal from util-linux's script), --wait draws cli-progress's bar instead of lines.
    const onTerminal = await tidewater(["run", "one-row", "--wait"], against(second), { terminal: true });
    expect(onTerminal.code, onTerminal.stdout).toBe(0);
    expect(onTerminal.stdout).toMatch(/[\u2588\u2591]+ \d+\/\d+ rows delivered \| 0 failed \| succeeded/);
    expect(onTerminal.stdout).toMatch(/Run \S+ succeeded: 1 rows read, 1 sent, 0 failed/);

    const unknown = await tidewater(["run", "no-such-sync", "--wait"], against(second));
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No sync has the key "no-such-sync"');
    const noToken = await tidewater(["run", "identify-users"], { TIDEWATER_URL: second.url });
    expect(noToken.code).toBe(2);
    expect(noToken.stderr).toContain("TIDEWATER_API_TOKEN");
  });
});
