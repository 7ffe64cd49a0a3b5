import { test } from "@playwright/test";
import { startReceiver, type Receiver } from "../../test/support/receiver";
import { startSourceDb, type SourceDb } from "./source-db";

/**
 * What a journey spec syncs between, started once for its file: a source PostgreSQL, filled by
 * `seed`, and an HTTP receiver as the destination. Read them inside the tests (they exist once
 * beforeAll has run).
 */
export function useSourceDbAndReceiver(seed: (db: SourceDb) => Promise<unknown>) {
  const servers = {} as { db: SourceDb; receiver: Receiver };
  test.beforeAll(async () => {
    [servers.db, servers.receiver] = await Promise.all([startSourceDb(), startReceiver()]);
    await seed(servers.db);
  });
  test.afterAll(async () => {
    await Promise.all([servers.db?.stop(), servers.receiver?.stop()]);
  });
  return servers;
}
