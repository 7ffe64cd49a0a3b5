"use server";

import { runAction } from "@/lib/api/run-action";
import { createDestination } from "@/lib/destinations/create-destination";
import { deleteDestination } from "@/lib/destinations/delete-destination";
import { testDestination } from "@/lib/destinations/test-destination";
import { updateDestination } from "@/lib/destinations/update-destination";

// Destinations hold write keys and headers: admins manage them; anyone signed in may send a test call.

export async function createDestinationAction(input: { name: string; kind: string; key?: string | null; config: Record<string, unknown> }) {
  return runAction("admin", () => createDestination(input));
}

export async function updateDestinationAction(id: string, input: { name: string; key?: string | null; config: Record<string, unknown> }) {
  return runAction("admin", () => updateDestination(id, input));
}

export async function deleteDestinationAction(id: string) {
  return runAction("admin", () => deleteDestination(id));
}

export async function testDestinationAction(id: string) {
  return runAction("member", async (actor) => {
    const { messageId } = await testDestination(id, actor.email);
    return { messageId };
  });
}
