"use server";

import { runAction } from "@/lib/api/run-action";
import { createDatabase } from "@/lib/sources/create-database";
import { createSource } from "@/lib/sources/create-source";
import { deleteDatabase } from "@/lib/sources/delete-database";
import { deleteSource } from "@/lib/sources/delete-source";
import { generateTunnelKey } from "@/lib/sources/generate-tunnel-key";
import { updateDatabase } from "@/lib/sources/update-database";

// Sources and their databases hold credentials: admins only.

export async function createSourceAction(input: { name: string; kind: string; key?: string | null }) {
  return runAction("admin", () => createSource(input));
}

export async function createDatabaseAction(sourceId: string, input: { name: string; key?: string | null; config: Record<string, unknown> }) {
  return runAction("admin", () => createDatabase(sourceId, input));
}

export async function updateDatabaseAction(databaseId: string, input: { name: string; key?: string | null; config: Record<string, unknown> }) {
  return runAction("admin", () => updateDatabase(databaseId, input));
}

export async function generateTunnelKeyAction() {
  return runAction("admin", async () => generateTunnelKey());
}

export async function deleteSourceAction(id: string) {
  return runAction("admin", () => deleteSource(id));
}

export async function deleteDatabaseAction(sourceId: string, databaseId: string) {
  return runAction("admin", () => deleteDatabase(sourceId, databaseId));
}
