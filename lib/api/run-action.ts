import { unstable_rethrow } from "next/navigation";
import { runAsActor } from "../audit/audit-context";
import { requireActor } from "../auth/current-actor";
import type { Actor, TRole } from "../auth/roles";
import { AppError, toErrorBody, type FieldErrors } from "../errors";

export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: string; fields?: FieldErrors };

/**
 * The one wrapper every server action goes through: checks the session and role on the server and
 * turns failures into values the form can show next to its fields (what the user typed stays).
 */
export async function runAction<T>(role: TRole, work: (actor: Actor) => Promise<T>): Promise<ActionResult<T>> {
  try {
    const actor = await requireActor(role);
    return { ok: true, data: await runAsActor(actor, () => work(actor)) };
  } catch (error) {
    unstable_rethrow(error); // redirect() and notFound() are control flow, not failures
    if (error instanceof AppError) return { ok: false, error: error.message, fields: error.fieldErrors };
    return { ok: false, error: toErrorBody(error).body.error.message };
  }
}
