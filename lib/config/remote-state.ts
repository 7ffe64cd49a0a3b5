// What an instance holds, read over the REST API, with each object's key: its own, or for an object
// without one the key export gives it (derived from its name), so export and plan agree on it.
import type { TApi } from "./api-client";
import { deriveKey } from "./key";

type Keyed = { id: string; key: string; storedKey: string | null; name: string };
export type TRemoteDatabase = Keyed & { config: Record<string, unknown>; secretsSet: string[] };
export type TRemoteSource = Keyed & { kind: string; databases: TRemoteDatabase[] };
export type TRemoteDestination = Keyed & { kind: string; config: Record<string, unknown>; secretsSet: string[] };
export type TRemoteSync = Keyed & Record<string, any> & { sourceId: string; databaseId: string; destinationIds: string[]; query: string };
export type TRemote = { sources: TRemoteSource[]; destinations: TRemoteDestination[]; syncs: TRemoteSync[]; derived: { type: string; name: string; key: string }[] };

export async function readRemote(api: TApi): Promise<TRemote> {
  const [sourceList, destinations, syncs] = await Promise.all([api.all("/sources", "sources"), api.all("/destinations", "destinations"), api.all("/syncs", "syncs")]);
  const sources = await Promise.all(sourceList.map((source: { id: string }) => api.get(`/sources/${source.id}`)));
  const derived: TRemote["derived"] = [];
  const keyed = <T extends { name: string; key: string | null }>(type: string, items: T[]) => withKeys(items, (item, key) => derived.push({ type, name: item.name, key }));
  return {
    sources: keyed("source", sources).map((source) => ({
      ...source,
      databases: keyed(`database of the source "${source.key}"`, source.databases as { name: string; key: string | null }[]),
    })) as TRemoteSource[],
    destinations: keyed("destination", destinations) as TRemoteDestination[],
    syncs: keyed("sync", syncs) as TRemoteSync[],
    derived,
  };
}

/** Keys for every item: its own, else one derived from its name that no other item has (oldest first). */
function withKeys<T extends { name: string; key: string | null }>(items: T[], onDerived: (item: T, key: string) => void) {
  const taken = new Set(items.map((item) => item.key).filter((key): key is string => Boolean(key)));
  return items.map((item) => {
    if (item.key) return { ...item, storedKey: item.key };
    const key = deriveKey(item.name, taken);
    taken.add(key);
    onDerived(item, key);
    return { ...item, key, storedKey: null };
  });
}
