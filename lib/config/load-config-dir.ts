// Reads a config directory (sources/, destinations/, syncs/ of <key>.yaml, queries in .sql) and
// checks it offline against the API's own schemas: `tidewater validate`, and the first step of plan
// and apply. Every problem names its file and line.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { z } from "zod";
import { connectorSpec, isAvailable } from "../connectors/registry";
import { destinationFor } from "../destinations/registry";
import { ZCreateSyncSchema } from "../syncs/schemas";
import { FILE_KINDS, mapScheduleReference, SCHEDULE_REFERENCE, SYNC_REFERENCES, type TDestinationFile, type TFileKind, type TSourceFile, type TSyncFile } from "./file-schemas";
import { literalSecrets, resolveReferences } from "./secrets";
import { issueProblem, parseWith, readYaml, type TPath, type TProblem, type TYamlFile } from "./yaml-file";

export type TLoaded<T> = { key: string; file: string; value: T; yaml: TYamlFile };
export type TLoadedSync = TLoaded<TSyncFile> & { query: string; queryPath: string };
export type TConfigDir = {
  dir: string;
  sources: TLoaded<TSourceFile>[];
  destinations: TLoaded<TDestinationFile>[];
  syncs: TLoadedSync[];
  problems: TProblem[];
};

export function loadConfigDir(dir: string): TConfigDir {
  const config: TConfigDir = { dir, sources: [], destinations: [], syncs: [], problems: [] };
  if (!existsSync(dir)) {
    config.problems.push({ file: dir, line: 1, message: "No such directory" });
    return config;
  }
  const files = (kind: TFileKind) => {
    const folder = path.join(dir, FILE_KINDS[kind].folder);
    if (!existsSync(folder)) return [];
    return readdirSync(folder)
      .filter((name) => /\.ya?ml$/.test(name))
      .sort()
      .map((name) => path.join(folder, name));
  };
  const load = <T extends { key?: string }>(kind: TFileKind, file: string): TLoaded<T> | undefined => {
    const yaml = readYaml(path.relative(process.cwd(), file) || file, readFileSync(file, "utf8"));
    const value = yaml.problems.length ? undefined : parseWith(yaml, FILE_KINDS[kind].schema as unknown as z.ZodType<T>);
    const named = path.basename(file).replace(/\.ya?ml$/, "");
    if (value && value.key !== undefined && value.key !== named) {
      yaml.problems.push({ file: yaml.file, line: yaml.lineOf(["key"]), message: `key: "${value.key}" is not the file's name; name the file ${value.key}.yaml` });
    }
    config.problems.push(...yaml.problems);
    return value && !yaml.problems.length ? { key: value.key ?? named, file, value, yaml } : undefined;
  };
  for (const file of files("source")) push(config.sources, load<TSourceFile>("source", file));
  for (const file of files("destination")) push(config.destinations, load<TDestinationFile>("destination", file));
  for (const file of files("sync")) {
    const loaded = load<TSyncFile>("sync", file);
    if (loaded) push(config.syncs, withQuery(loaded, config.problems));
  }
  for (const source of config.sources) checkSource(source, config.problems);
  for (const destination of config.destinations) checkDestination(destination, config.problems);
  for (const sync of config.syncs) checkSync(sync, config);
  checkChains(config);
  return config;
}

/** A chain never loops (the API refuses it too): each sync "after" another must reach one that is not. */
function checkChains(config: TConfigDir) {
  const leaderOf = (sync: TLoadedSync) => {
    const key = (sync.value.schedule as Record<string, unknown> | undefined)?.[SCHEDULE_REFERENCE.fileField];
    return config.syncs.find((candidate) => candidate.key === key);
  };
  for (const sync of config.syncs) {
    const path = [sync.key];
    for (let leader = leaderOf(sync); leader; leader = leaderOf(leader)) {
      path.push(leader.key);
      if (leader === sync) {
        config.problems.push(at(sync, ["schedule", SCHEDULE_REFERENCE.fileField], `schedule.${SCHEDULE_REFERENCE.fileField}: the syncs ${path.reverse().join(" → ")} would run in a loop`));
        break;
      }
      if (path.length > config.syncs.length) break;
    }
  }
}

const push = <T>(list: T[], item: T | undefined) => item && list.push(item);
const at = (loaded: { yaml: TYamlFile }, where: TPath, message: string): TProblem => ({ file: loaded.yaml.file, line: loaded.yaml.lineOf(where), message });

function withQuery(sync: TLoaded<TSyncFile>, problems: TProblem[]): TLoadedSync | undefined {
  if (typeof sync.value.query === "string") return { ...sync, query: sync.value.query, queryPath: sync.yaml.file };
  const queryPath = path.join(path.dirname(sync.file), sync.value.queryFile!);
  if (!existsSync(queryPath)) {
    problems.push(at(sync, ["queryFile"], `queryFile: ${sync.value.queryFile} does not exist next to this file`));
    return undefined;
  }
  return { ...sync, query: readFileSync(queryPath, "utf8"), queryPath: path.relative(process.cwd(), queryPath) };
}

/** A kind's settings against its schema; a `${VAR}` that is set is checked as its value, one unset is not checked. */
function checkSettings(loaded: TLoaded<unknown>, where: TPath, config: Record<string, unknown>, schema: z.ZodType, secretKeys: readonly string[], problems: TProblem[]) {
  for (const field of literalSecrets(config, secretKeys)) {
    problems.push(at(loaded, [...where, field], `${[...where, field].join(".")}: a secret setting must be a \${ENV_VAR} reference, never the value itself`));
  }
  const { config: resolved, missing, invalid } = resolveReferences(config, schema, process.env);
  for (const { field, variable } of invalid) problems.push(at(loaded, [...where, field], `${[...where, field].join(".")}: ${variable} is not valid JSON`));
  const unchecked = new Set([...missing, ...invalid].map(({ field }) => field));
  const result = schema.safeParse(resolved);
  if (result.success) return;
  for (const issue of result.error.issues) if (!unchecked.has(String(issue.path[0]))) problems.push(issueProblem(loaded.yaml, issue, where));
}

function checkSource(source: TLoaded<TSourceFile>, problems: TProblem[]) {
  const { kind, databases } = source.value;
  if (!isAvailable(kind)) return problems.push(at(source, ["kind"], `kind: ${kind} sources are not supported in this version`));
  const spec = connectorSpec(kind);
  const seen = new Set<string>();
  databases.forEach((database, index) => {
    if (seen.has(database.key)) problems.push(at(source, ["databases", index, "key"], `databases.${index}.key: "${database.key}" is used twice in this source`));
    seen.add(database.key);
    checkSettings(source, ["databases", index, "config"], database.config, spec.configSchema, spec.secretKeys, problems);
  });
}

function checkDestination(destination: TLoaded<TDestinationFile>, problems: TProblem[]) {
  const spec = destinationFor(destination.value.kind).spec;
  checkSettings(destination, ["config"], destination.value.config, spec.configSchema, spec.secretKeys, problems);
}

/** The sync as the API would take it (ids stand in for keys), so every rule of the API applies offline. */
function checkSync(sync: TLoadedSync, config: TConfigDir) {
  const { queryFile: _file, query: _query, key: _key, ...fields } = sync.value as TSyncFile;
  const body: Record<string, unknown> = { ...fields, query: sync.query };
  for (const reference of SYNC_REFERENCES) {
    const value = fields[reference.fileField];
    delete body[reference.fileField];
    if (value === undefined || value === null) continue;
    body[reference.apiField] = value;
    for (const [index, key] of (reference.many ? (value as string[]) : [value as string]).entries()) {
      const where = reference.many ? [reference.fileField, index] : [reference.fileField];
      const message = unknownReference(reference.kind, key, sync, config);
      if (message) config.problems.push(at(sync, where, `${where.join(".")}: ${message}`));
    }
  }
  const after = (fields.schedule as Record<string, unknown> | undefined)?.[SCHEDULE_REFERENCE.fileField];
  if (typeof after === "string") {
    const message = unknownReference("sync", after, sync, config);
    if (message) config.problems.push(at(sync, ["schedule", SCHEDULE_REFERENCE.fileField], `schedule.${SCHEDULE_REFERENCE.fileField}: ${message}`));
    body.schedule = mapScheduleReference(fields.schedule, SCHEDULE_REFERENCE.fileField, SCHEDULE_REFERENCE.apiField, (key) => key);
  }
  const result = ZCreateSyncSchema.safeParse(body);
  if (result.success) return;
  for (const issue of result.error.issues) {
    const field = String(issue.path[0]);
    const reference = SYNC_REFERENCES.find((candidate) => candidate.apiField === field);
    if (field === "query" && sync.value.queryFile) config.problems.push({ file: sync.queryPath, line: 1, message: issue.message });
    else config.problems.push(issueProblem(sync.yaml, { ...issue, path: reference ? [reference.fileField, ...issue.path.slice(1)] : issue.path }));
  }
}

function unknownReference(kind: string, key: string, sync: TLoadedSync, config: TConfigDir): string | null {
  if (kind === "source") return config.sources.some((source) => source.key === key) ? null : `no source has the key "${key}" (sources/${key}.yaml)`;
  if (kind === "destination") return config.destinations.some((d) => d.key === key) ? null : `no destination has the key "${key}" (destinations/${key}.yaml)`;
  if (kind === "sync") return key === sync.key ? "a sync cannot follow itself" : config.syncs.some((s) => s.key === key) ? null : `no sync has the key "${key}" (syncs/${key}.yaml)`;
  const source = config.sources.find((candidate) => candidate.key === sync.value.source);
  if (!source) return null;
  return source.value.databases.some((database) => database.key === key) ? null : `the source "${source.key}" has no database with the key "${key}"`;
}
