import { AsyncLocalStorage } from "node:async_hooks";
import type { Actor } from "../auth/roles";

// The actor of the request being served, set once by withAuth and runAction, so every service the
// request reaches records it without each service taking an actor argument.
const storage = new AsyncLocalStorage<Actor>();

export function runAsActor<T>(actor: Actor, work: () => Promise<T>): Promise<T> {
  return storage.run(actor, work);
}

/** The actor of the current request, or undefined outside one (the scheduler, start-up). */
export function currentAuditActor(): Actor | undefined {
  return storage.getStore();
}
