import { DEMO_STARTER_QUERIES } from "../connectors/demo/starter-queries";
import type { Db } from "../db";
import { sealConfig } from "../secret-config";

/**
 * The offline demo a fresh install opens on: the sample-data source, the built-in inbox destination,
 * and two syncs between them. Idempotent: does nothing once a demo source exists.
 */
export async function seedDemo(database: Db): Promise<boolean> {
  if (await database.source.findFirst({ where: { kind: "demo" } })) return false;
  const inbox =
    (await database.destination.findFirst({ where: { kind: "inbox" } })) ??
    (await database.destination.create({ data: { name: "Tidewater inbox", kind: "inbox", ...sealConfig({}, []) } }));
  const source = await database.source.create({ data: { name: "Demo source", kind: "demo" } });
  const sample = await database.database.create({
    data: { sourceId: source.id, name: "Sample SaaS data", ...sealConfig({ dataset: "saas" }, []) },
  });
  const now = new Date();
  const syncs = [
    { name: "Identify users", description: "People and their traits from the users table.", type: "identify", frequencyMinutes: 15 },
    { name: "Track events", description: "What people did, from the events table.", type: "track", frequencyMinutes: 60 },
  ] as const;
  for (const sync of syncs) {
    await database.sync.create({
      data: {
        ...sync,
        sourceId: source.id,
        databaseId: sample.id,
        query: DEMO_STARTER_QUERIES[sync.type],
        startAt: now,
        nextRunAt: now,
        destinations: { create: [{ destinationId: inbox.id }] },
      },
    });
  }
  return true;
}
