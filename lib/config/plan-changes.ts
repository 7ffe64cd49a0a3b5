// `tidewater plan` and `apply`: what the instance needs so it matches the files — objects to create,
// fields to change (a query as a unified diff), objects to delete (--prune) — each with the API calls
// that make it so. Databases and destinations are compared by the instance (PATCH ?compare=true),
// where the stored secrets are: an unchanged secret is neither reported nor rewritten.
import { createTwoFilesPatch } from "diff";
import { connectorSpec, type TSourceKind } from "../connectors/registry";
import { destinationFor, type TDestinationKind } from "../destinations/registry";
import { CliError, type TApi } from "./api-client";
import { mapScheduleReference, SCHEDULE_REFERENCE, SYNC_PLAIN_FIELDS, SYNC_REFERENCES } from "./file-schemas";
import type { TConfigDir, TLoaded, TLoadedSync } from "./load-config-dir";
import type { TRemote, TRemoteSync } from "./remote-state";
import { resolveReferences } from "./secrets";
import type { z } from "zod";

export type TObjectType = "source" | "database" | "destination" | "sync";
/** Ids of the instance's objects by "type:key" ("database:source/db"), filled in as apply creates them. */
export type TIds = Map<string, string>;
export type TChange = {
  action: "create" | "change" | "delete";
  type: TObjectType;
  key: string;
  fields: string[];
  diff?: string;
  apply(ids: TIds): Promise<unknown>;
};
export type TPlan = { changes: TChange[]; notes: string[]; ids: TIds };

const stable = (value: unknown): string =>
  JSON.stringify(value, (_key, item) => (item && typeof item === "object" && !Array.isArray(item) ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => a.localeCompare(b))) : item));

export async function planChanges(api: TApi, local: TConfigDir, remote: TRemote, options: { prune: boolean; env: NodeJS.ProcessEnv }): Promise<TPlan> {
  const ids: TIds = new Map();
  for (const source of remote.sources) {
    ids.set(`source:${source.key}`, source.id);
    for (const database of source.databases) ids.set(`database:${source.key}/${database.key}`, database.id);
  }
  for (const destination of remote.destinations) ids.set(`destination:${destination.key}`, destination.id);
  for (const sync of remote.syncs) ids.set(`sync:${sync.key}`, sync.id);
  const need = (type: TObjectType, key: string) => (live: TIds) => {
    const id = live.get(`${type}:${key}`);
    if (!id) throw new CliError(`The ${type} "${key}" was not created`);
    return id;
  };
  const changes: TChange[] = [];
  const deletes: TChange[] = [];
  const notes: string[] = [];
  const missing: string[] = [];
  const settings = (loaded: TLoaded<unknown>, where: (string | number)[], config: Record<string, unknown>, schema: z.ZodType) => {
    const resolved = resolveReferences(config, schema, options.env);
    for (const { field, variable } of resolved.missing) missing.push(`${loaded.yaml.file}:${loaded.yaml.lineOf([...where, field])}: ${variable} is not set (${[...where, field].join(".")})`);
    for (const { field, variable } of resolved.invalid) missing.push(`${loaded.yaml.file}:${loaded.yaml.lineOf([...where, field])}: ${variable} is not valid JSON (${[...where, field].join(".")})`);
    return resolved.config;
  };

  // Sources and their databases.
  for (const source of local.sources) {
    const { name, kind, databases } = source.value;
    const found = remote.sources.find((candidate) => candidate.key === source.key);
    const spec = connectorSpec(kind as TSourceKind);
    if (!found) {
      changes.push({
        action: "create", type: "source", key: source.key, fields: [],
        apply: async (live) => live.set(`source:${source.key}`, (await api.send("POST", "/sources", { key: source.key, name, kind })).id),
      });
    } else {
      if (found.kind !== kind) throw new CliError(`${source.yaml.file}:${source.yaml.lineOf(["kind"])}: kind: a source's kind cannot change (${found.kind} → ${kind}); give the new source another key`);
      const fields = [...(found.name !== name ? ["name"] : []), ...(found.storedKey !== source.key ? ["key"] : [])];
      if (fields.length) changes.push({ action: "change", type: "source", key: source.key, fields, apply: async () => void (await api.send("PATCH", `/sources/${found.id}`, { key: source.key, name })) });
    }
    for (const [index, database] of databases.entries()) {
      const config = settings(source, ["databases", index, "config"], database.config, spec.configSchema);
      const key = `${source.key}/${database.key}`;
      const body = { key: database.key, name: database.name, config };
      const existing = found?.databases.find((candidate) => candidate.key === database.key);
      if (!existing) {
        changes.push({
          action: "create", type: "database", key, fields: [],
          apply: async (live) => live.set(`database:${key}`, (await api.send("POST", `/sources/${need("source", source.key)(live)}/databases`, body)).id),
        });
        continue;
      }
      if (missing.length) continue;
      const route = `/sources/${found!.id}/databases/${existing.id}`;
      const compared = await api.send("PATCH", `${route}?compare=true`, body);
      if (compared.changed) changes.push({ action: "change", type: "database", key, fields: compared.changedFields, apply: async () => void (await api.send("PATCH", route, body)) });
    }
    for (const database of found?.databases ?? []) {
      if (databases.some((candidate) => candidate.key === database.key)) continue;
      deletes.push({ action: "delete", type: "database", key: `${source.key}/${database.key}`, fields: [], apply: async () => void (await api.send("DELETE", `/sources/${found!.id}/databases/${database.id}`)) });
    }
  }

  // Destinations.
  for (const destination of local.destinations) {
    const { name, kind } = destination.value;
    const spec = destinationFor(kind as TDestinationKind).spec;
    const config = settings(destination, ["config"], destination.value.config, spec.configSchema);
    const found = remote.destinations.find((candidate) => candidate.key === destination.key);
    if (!found) {
      changes.push({
        action: "create", type: "destination", key: destination.key, fields: [],
        apply: async (live) => live.set(`destination:${destination.key}`, (await api.send("POST", "/destinations", { key: destination.key, name, kind, config })).id),
      });
      continue;
    }
    if (found.kind !== kind) throw new CliError(`${destination.yaml.file}:${destination.yaml.lineOf(["kind"])}: kind: a destination's kind cannot change (${found.kind} → ${kind}); give the new destination another key`);
    if (missing.length) continue;
    const body = { key: destination.key, name, config };
    const compared = await api.send("PATCH", `/destinations/${found.id}?compare=true`, body);
    if (compared.changed) changes.push({ action: "change", type: "destination", key: destination.key, fields: compared.changedFields, apply: async () => void (await api.send("PATCH", `/destinations/${found.id}`, body)) });
  }
  if (missing.length) throw new CliError(`Secrets the files refer to are not set in the environment:\n  ${missing.join("\n  ")}`);

  // Syncs, each after the sync it follows.
  for (const sync of followersLast(local.syncs)) changes.push(...syncChanges(api, sync, remote, need));

  for (const sync of remote.syncs) if (!local.syncs.some((candidate) => candidate.key === sync.key)) deletes.unshift({ action: "delete", type: "sync", key: sync.key, fields: [], apply: async () => void (await api.send("DELETE", `/syncs/${sync.id}`)) });
  for (const destination of remote.destinations) {
    if (!local.destinations.some((candidate) => candidate.key === destination.key)) deletes.push({ action: "delete", type: "destination", key: destination.key, fields: [], apply: async () => void (await api.send("DELETE", `/destinations/${destination.id}`)) });
  }
  for (const source of remote.sources) {
    if (local.sources.some((candidate) => candidate.key === source.key)) continue;
    // Deleting a source deletes its databases with it.
    for (let index = deletes.length - 1; index >= 0; index--) if (deletes[index].type === "database" && deletes[index].key.startsWith(`${source.key}/`)) deletes.splice(index, 1);
    deletes.push({ action: "delete", type: "source", key: source.key, fields: [], apply: async () => void (await api.send("DELETE", `/sources/${source.id}`)) });
  }
  if (options.prune) changes.push(...deletes);
  else if (deletes.length) notes.push(`${deletes.length} object${deletes.length === 1 ? " is" : "s are"} on the instance but not in the files (${deletes.map((change) => `${change.type} ${change.key}`).join(", ")}); apply --prune deletes them.`);
  return { changes, notes, ids };
}

function syncChanges(api: TApi, sync: TLoadedSync, remote: TRemote, need: (type: TObjectType, key: string) => (live: TIds) => string): TChange[] {
  const file = sync.value as Record<string, unknown>;
  const query = sync.query.trim();
  const found = remote.syncs.find((candidate) => candidate.key === sync.key);
  const plain = Object.fromEntries(SYNC_PLAIN_FIELDS.filter((field) => file[field] !== undefined).map((field) => [field, file[field]]));
  const { apiField, fileField } = SCHEDULE_REFERENCE;
  /** The body's schedule with the sync it follows by id (known once that sync exists). */
  const withScheduleIds = (body: Record<string, unknown>, live: TIds) =>
    body.schedule ? { ...body, schedule: mapScheduleReference(body.schedule, fileField, apiField, (key) => need("sync", key)(live)) } : body;
  const referenceIds = (live: TIds) => {
    const body: Record<string, unknown> = {};
    for (const reference of SYNC_REFERENCES) {
      const value = file[reference.fileField] as string | string[] | null | undefined;
      if (value === undefined) continue;
      const kind = reference.kind;
      const idOf = (key: string) => need(kind, kind === "database" ? `${file.source as string}/${key}` : key)(live);
      body[reference.apiField] = value === null ? null : Array.isArray(value) ? value.map(idOf) : idOf(value);
    }
    return body;
  };
  if (!found) {
    return [{ action: "create", type: "sync", key: sync.key, fields: [], apply: async (live) => live.set(`sync:${sync.key}`, (await api.send("POST", "/syncs", withScheduleIds({ key: sync.key, ...plain, query, ...referenceIds(live) }, live))).id) }];
  }
  const sourceKey = remote.sources.find((source) => source.id === found.sourceId)?.key;
  if (sourceKey !== file.source) throw new CliError(`${sync.yaml.file}:${sync.yaml.lineOf(["source"])}: source: a sync's source cannot change (${sourceKey} → ${String(file.source)}); give the new sync another key`);
  const syncKey = (id: string) => remote.syncs.find((candidate) => candidate.id === id)?.key;
  const current = { ...found, schedule: mapScheduleReference(found.schedule, apiField, fileField, syncKey) } as Record<string, unknown>;
  const fields = Object.keys(plain).filter((field) => stable(plain[field]) !== stable(current[field]));
  for (const reference of SYNC_REFERENCES) {
    if (reference.apiField === "sourceId" || file[reference.fileField] === undefined) continue;
    if (stable(sortedIfMany(file[reference.fileField])) !== stable(sortedIfMany(remoteReference(found, reference, remote)))) fields.push(reference.fileField);
  }
  if (found.storedKey !== sync.key) fields.unshift("key");
  const queryChanged = found.query !== query;
  if (queryChanged) fields.push("query");
  if (!fields.length) return [];
  const diff = queryChanged ? createTwoFilesPatch(`${sync.key}.sql (instance)`, `${sync.queryPath} (files)`, `${found.query}\n`, `${query}\n`, undefined, undefined, { context: 3 }) : undefined;
  return [{
    action: "change", type: "sync", key: sync.key, fields, diff,
    apply: async (live) => {
      const references = referenceIds(live);
      delete references.sourceId;
      const body: Record<string, unknown> = { key: sync.key, ...Object.fromEntries(fields.filter((field) => field in plain).map((field) => [field, plain[field]])) };
      for (const reference of SYNC_REFERENCES) if (fields.includes(reference.fileField)) body[reference.apiField] = references[reference.apiField];
      if (queryChanged) body.query = query;
      await api.send("PATCH", `/syncs/${found.id}`, withScheduleIds(body, live));
    },
  }];
}

const sortedIfMany = (value: unknown) => (Array.isArray(value) ? [...value].sort() : (value ?? null));

function remoteReference(sync: TRemoteSync, reference: (typeof SYNC_REFERENCES)[number], remote: TRemote): unknown {
  const value = sync[reference.apiField] as string | string[] | null | undefined;
  if (value === undefined || value === null) return null;
  const source = remote.sources.find((candidate) => candidate.id === sync.sourceId);
  const keyOf = (id: string) =>
    reference.kind === "database" ? source?.databases.find((d) => d.id === id)?.key
    : reference.kind === "destination" ? remote.destinations.find((d) => d.id === id)?.key
    : remote.sources.find((s) => s.id === id)?.key;
  return Array.isArray(value) ? value.map(keyOf) : keyOf(value);
}

/** A sync that runs after another (schedule kind "after") comes after it, so apply can refer to it by id. */
function followersLast(syncs: TLoadedSync[]): TLoadedSync[] {
  const ordered: TLoadedSync[] = [];
  const visit = (sync: TLoadedSync, path: string[]) => {
    if (ordered.includes(sync)) return;
    if (path.includes(sync.key)) throw new CliError(`${sync.yaml.file}: schedule: the syncs ${[...path, sync.key].join(" → ")} would form a loop`);
    const schedule = (sync.value as Record<string, unknown>).schedule as Record<string, unknown> | undefined;
    const leader = syncs.find((candidate) => candidate.key === schedule?.[SCHEDULE_REFERENCE.fileField]);
    if (leader) visit(leader, [...path, sync.key]);
    ordered.push(sync);
  };
  for (const sync of syncs) visit(sync, []);
  return ordered;
}
