import { NextResponse } from "next/server";
import type { ZodType } from "zod";
import { actorForToken } from "../auth/api-tokens";
import { currentActor } from "../auth/current-actor";
import { hasRole, type Actor, type TRole } from "../auth/roles";
import { AppError, parseInput, toErrorBody } from "../errors";

type Context<TBody> = { actor: Actor; body: TBody; params: Record<string, string>; request: Request };
type Options<TBody> = { role?: TRole; body?: ZodType<TBody> };

/**
 * The one wrapper every route handler goes through: who is calling (bearer token or session), with
 * which role, the body validated by its zod schema, and every failure mapped to
 * `{ error: { code, message } }` with its status.
 */
export function withAuth<TBody = undefined>(
  handler: (context: Context<TBody>) => Promise<Response | unknown>,
  options: Options<TBody> = {},
) {
  return async (request: Request, route: { params: Promise<Record<string, string>> }) => {
    try {
      const actor = await authenticate(request);
      if (!hasRole(actor, options.role ?? "member")) throw new AppError("forbidden", "This needs an admin.");
      const body = options.body ? parseInput(options.body, await readJson(request)) : (undefined as TBody);
      const result = await handler({ actor, body, params: (await route?.params) ?? {}, request });
      return result instanceof Response ? result : NextResponse.json(result);
    } catch (error) {
      const { status, body } = toErrorBody(error);
      return NextResponse.json(body, { status });
    }
  };
}

async function authenticate(request: Request): Promise<Actor> {
  const header = request.headers.get("authorization");
  if (header) {
    const [scheme, token] = header.split(" ");
    const actor = scheme?.toLowerCase() === "bearer" && token ? await actorForToken(token) : null;
    if (!actor) throw new AppError("unauthorized", "The API token is missing, malformed or revoked.");
    return actor;
  }
  const actor = await currentActor();
  if (!actor) throw new AppError("unauthorized", "Send an API token as `Authorization: Bearer <token>`.");
  return actor;
}

async function readJson(request: Request): Promise<unknown> {
  const text = await request.text();
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("invalid_input", "The request body is not valid JSON.");
  }
}
