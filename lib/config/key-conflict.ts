import { db } from "../db";
import { AppError } from "../errors";

type Keyed = "source" | "destination" | "sync";

/** 409 when another object of the kind already has the key (the unique index would refuse it anyway). */
export async function assertKeyFree(kind: Keyed, key: string | null | undefined, exceptId?: string): Promise<void> {
  if (!key) return;
  const where = { key, ...(exceptId ? { NOT: { id: exceptId } } : {}) };
  const select = { name: true };
  const other =
    kind === "source" ? await db().source.findFirst({ where, select })
    : kind === "destination" ? await db().destination.findFirst({ where, select })
    : await db().sync.findFirst({ where, select });
  if (other) throw keyTaken(kind, key, other.name);
}

/** A database's key is unique within its source. */
export async function assertDatabaseKeyFree(sourceId: string, key: string | null | undefined, exceptId?: string): Promise<void> {
  if (!key) return;
  const other = await db().database.findFirst({ where: { sourceId, key, ...(exceptId ? { NOT: { id: exceptId } } : {}) }, select: { name: true } });
  if (other) throw keyTaken("database", key, other.name, " of this source");
}

function keyTaken(kind: string, key: string, name: string, scope = ""): AppError {
  return new AppError("conflict", `The key "${key}" is already used by the ${kind} "${name}"${scope}. Keys are unique: choose another.`, { key: ["Already used"] });
}
