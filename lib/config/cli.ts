// The `tidewater` command (bin/tidewater.mjs runs this through tsx): config as code against a running
// instance over the REST API. Exit codes: 0 done, 1 failed (invalid files, API refusal, failed run), 2 usage.
import { parseArgs } from "node:util";
import path from "node:path";
import { CliError, connect, type TConnection } from "./api-client";
import { exportFiles, writeExport } from "./export-dir";
import { loadConfigDir, type TConfigDir } from "./load-config-dir";
import { planChanges, type TChange, type TPlan } from "./plan-changes";
import { readRemote } from "./remote-state";
import { dryRunSync, runSync } from "./run-sync";
import { problemText } from "./yaml-file";

const USAGE = `Usage: tidewater <command> [options]

Commands:
  export DIR              Write every source, destination and sync of the instance to DIR as YAML
  validate DIR            Check the files offline against the API's schemas (file:line errors)
  plan DIR [--prune]      Show what apply would create, change (a diff of each query) and delete
  apply DIR [--prune]     Make the instance match the files; --prune deletes what they no longer name
  run SYNC_KEY [--wait] [--dry-run]
                          Start a run; --wait follows it and exits 1 if it fails; --dry-run sends nothing

Options:
  --url URL               The instance (or TIDEWATER_URL), e.g. http://localhost:3000
  --token TOKEN           An API token (or TIDEWATER_API_TOKEN)
  -h, --help              This help
`;

type TIo = { out: NodeJS.WriteStream; err: NodeJS.WriteStream; env: NodeJS.ProcessEnv };

export async function main(argv: string[], io: TIo = { out: process.stdout, err: process.stderr, env: process.env }): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        url: { type: "string" },
        token: { type: "string" },
        prune: { type: "boolean", default: false },
        wait: { type: "boolean", default: false },
        "dry-run": { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (error) {
    io.err.write(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, target, ...extra] = positionals;
  if (values.help || !command) {
    (values.help ? io.out : io.err).write(USAGE);
    return values.help ? 0 : 2;
  }
  if (!["export", "validate", "plan", "apply", "run"].includes(command)) {
    io.err.write(`Unknown command "${command}".\n\n${USAGE}`);
    return 2;
  }
  if (!target || extra.length) {
    io.err.write(`tidewater ${command} takes one ${command === "run" ? "SYNC_KEY" : "DIR"}.\n\n${USAGE}`);
    return 2;
  }
  try {
    if (command === "validate") return validate(target, io);
    const connection = connectionOf(values.url, values.token, io.env);
    const api = connect(connection);
    if (command === "export") {
      const remote = await readRemote(api);
      for (const item of remote.derived) io.err.write(`The ${item.type} "${item.name}" has no key: exported as "${item.key}" (apply sets it)\n`);
      const files = exportFiles(remote);
      const { removed } = writeExport(target, files);
      for (const file of removed) io.err.write(`Removed ${path.join(target, file)} (no such object any more)\n`);
      io.out.write(`Exported ${remote.sources.length} sources, ${remote.destinations.length} destinations and ${remote.syncs.length} syncs to ${target}.\n`);
      return 0;
    }
    if (command === "run") {
      return values["dry-run"] ? await dryRunSync(api, connection, target, io) : await runSync(api, target, { wait: values.wait }, io);
    }
    const local = loadValid(target, io);
    if (!local) return 1;
    const plan = await planChanges(api, local, await readRemote(api), { prune: values.prune, env: io.env });
    printPlan(plan, io);
    if (command === "plan" || !plan.changes.length) return 0;
    for (const change of plan.changes) {
      await change.apply(plan.ids);
      io.out.write(`${DONE[change.action]} ${change.type} ${change.key}\n`);
    }
    io.out.write(`Applied: ${summary(plan.changes, ["created", "changed", "deleted"])}.\n`);
    return 0;
  } catch (error) {
    if (error instanceof CliError) {
      io.err.write(`${error.message}\n`);
      return error.exitCode;
    }
    throw error;
  }
}

const SIGN = { create: "+", change: "~", delete: "-" } as const;
const DONE = { create: "Created", change: "Changed", delete: "Deleted" } as const;

function summary(changes: TChange[], words: [string, string, string]): string {
  const count = (action: TChange["action"]) => changes.filter((change) => change.action === action).length;
  return `${count("create")} ${words[0]}, ${count("change")} ${words[1]}, ${count("delete")} ${words[2]}`;
}

function printPlan(plan: TPlan, io: TIo) {
  for (const note of plan.notes) io.err.write(`${note}\n`);
  if (!plan.changes.length) {
    io.out.write("No changes: the instance matches the files.\n");
    return;
  }
  for (const change of plan.changes) {
    io.out.write(`${SIGN[change.action]} ${change.action} ${change.type} ${change.key}${change.fields.length ? ` (${change.fields.join(", ")})` : ""}\n`);
    if (change.diff) io.out.write(change.diff.replace(/^(?!$)/gm, "    "));
  }
  io.out.write(`Plan: ${summary(plan.changes, ["to create", "to change", "to delete"])}.\n`);
}

function connectionOf(url: string | undefined, token: string | undefined, env: NodeJS.ProcessEnv): TConnection {
  const base = url || env.TIDEWATER_URL;
  const secret = token || env.TIDEWATER_API_TOKEN;
  if (!base) throw new CliError("Say which instance: --url http://… or TIDEWATER_URL", 2);
  if (!/^https?:\/\//.test(base)) throw new CliError(`--url must start with http:// or https:// (got "${base}")`, 2);
  if (!secret) throw new CliError("An API token is needed: --token … or TIDEWATER_API_TOKEN (Settings → API tokens)", 2);
  return { url: base, token: secret };
}

/** The files, or null after printing each problem as file:line: message. */
function loadValid(dir: string, io: TIo): TConfigDir | null {
  const local = loadConfigDir(dir);
  if (!local.problems.length) return local;
  for (const problem of local.problems) io.err.write(`${problemText(problem)}\n`);
  io.err.write(`${local.problems.length} problem${local.problems.length === 1 ? "" : "s"} in ${dir}; nothing was changed.\n`);
  return null;
}

function validate(dir: string, io: TIo): number {
  const local = loadValid(dir, io);
  if (!local) return 1;
  io.out.write(`${dir} is valid: ${local.sources.length} sources, ${local.destinations.length} destinations, ${local.syncs.length} syncs.\n`);
  return 0;
}
