import { randomUUID } from "node:crypto";
import { db } from "../db";
import { AppError, notFound } from "../errors";
import { RejectedError, UnavailableError } from "../http/post-json";
import { UnsafeUrlError } from "../http/url-guard";
import { openConfig } from "../secret-config";
import { destinationPolicy } from "../settings/settings";
import type { Envelope } from "../calls/envelope";
import { storeInbox } from "./inbox/store-inbox";
import { destinationFor, type TDestinationKind } from "./registry";

/**
 * "Send test call": one identify call through the destination's own writer, with the same address
 * policy as a sync run, so a working test means a run can deliver.
 */
export async function testDestination(id: string, sentBy: string) {
  const row = await db().destination.findUnique({ where: { id } });
  if (!row) throw notFound("Destination");
  const messageId = randomUUID();
  const call = {
    type: "identify",
    messageId,
    userId: "tidewater-test-user",
    traits: { email: "test@tidewater.invalid", tidewater_test: true, sent_by: sentBy },
    timestamp: new Date().toISOString(),
    context: { library: { name: "tidewater", version: "test" } },
  };
  const json = JSON.stringify(call);
  const envelope: Envelope = { rowNumber: 1, messageId, json, bytes: Buffer.byteLength(json) };
  try {
    const refused = await destinationFor(row.kind as TDestinationKind).send(openConfig(row), [envelope], {
      destinationId: row.id,
      policy: await destinationPolicy(),
      signal: AbortSignal.timeout(20_000),
      storeInbox: (destinationId, batch) => storeInbox(db(), destinationId, batch),
    });
    if (refused && refused.length > 0) throw new AppError("connection_failed", `The destination refused the test call: ${refused[0].reason}`, undefined, refused[0].reason);
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (error instanceof RejectedError || error instanceof UnavailableError || error instanceof UnsafeUrlError) {
      throw new AppError("connection_failed", `The test call failed: ${error.message}`, undefined, error.message);
    }
    throw error;
  }
  return { messageId, call };
}
