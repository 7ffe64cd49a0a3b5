import type { Actor } from "../auth/roles";
import { db, type Db } from "../db";
import { currentAuditActor } from "./audit-context";
import { auditDiff } from "./audit-diff";

type Client = Pick<Db, "auditEvent">;

/** Who an entry names: a person (by email), an API token (by its name), Tidewater itself, or nobody (a failed sign-in). */
export type TAuditActor = { type: "user" | "token" | "system" | "anonymous"; id?: string | null; name: string };

export type TAuditInput = {
  /** Defaults to the actor of the request being served (set by withAuth / runAction), else "system". */
  actor?: Actor | TAuditActor;
  /** `<resource>.<verb>`, e.g. `sync.update`, `alert_rule.create`, `sign_in.failed`. */
  action: string;
  resource: { type: string; id?: string | null; name?: string };
  /** The resource's fields before and after; secrets are redacted here, never stored. */
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  /** Fields the resource's schema marks secret (e.g. a spec's secretKeys); names like password/token/key are hidden anyway. */
  secretKeys?: readonly string[];
};

/**
 * Records one audit entry. Pass the transaction client of the change when there is one, so the
 * entry is stored with the change or not at all.
 */
export async function recordAudit(input: TAuditInput, client: Client = db()): Promise<void> {
  const actor = auditActorOf(input.actor ?? currentAuditActor());
  await client.auditEvent.create({
    data: {
      actorType: actor.type,
      actorId: actor.id ?? null,
      actorName: actor.name.slice(0, 320),
      action: input.action,
      resourceType: input.resource.type,
      resourceId: input.resource.id ?? null,
      resourceName: (input.resource.name ?? "").slice(0, 200),
      diffJson: JSON.stringify(auditDiff(input.before, input.after, input.secretKeys)),
    },
  });
}

export function auditActorOf(actor: Actor | TAuditActor | undefined): TAuditActor {
  if (!actor) return { type: "system", name: "Tidewater" };
  if ("type" in actor) return actor;
  return actor.via === "token" ? { type: "token", id: actor.userId, name: actor.tokenName ?? actor.name } : { type: "user", id: actor.userId, name: actor.email };
}
