import { NextResponse } from "next/server";
import type { ZodType } from "zod";
import { runAsActor } from "../audit/audit-context";
import { actorForToken } from "../auth/api-tokens";
import { RateLimitedError } from "../auth/rate-limit";
import { currentActor } from "../auth/current-actor";
import { hasRole, type Actor, type TRole } from "../auth/roles";
import { AppError, parseInput, toErrorBody } from "../errors";
import { withRequestLog } from "../observability/request-log";
import type { Operation } from "../openapi/operations";
import { findUnsafeText } from "../unsafe-text";
import { readJsonBody } from "./read-json-body";
import { requireSameOrigin } from "./require-same-origin";

type Context<TBody, TQuery> = { actor: Actor; body: TBody; query: TQuery; params: Record<string, string>; request: Request };
type Options<TBody, TQuery> = {
  role?: TRole;
  body?: ZodType<TBody>;
  /** Validates the URL's search parameters (as strings; coerce numbers in the schema). */
  query?: ZodType<TQuery>;
  /** The status of a successful JSON reply (201 for a create, 202 for a started run); no result → 204. */
  status?: number;
};

/**
 * The one wrapper every route handler goes through: who is calling (bearer token or session), with
 * which role, a cookie-borne write only from the app's own origin, the body (JSON, ≤ 1 MiB) and query
 * validated by their zod schemas, and every failure mapped to `{ error: { code, message } }`. An
 * /api/v1 route passes its operation (lib/openapi/operations.ts), which the OpenAPI document shows.
 */
export function withAuth<TBody = undefined, TQuery = undefined>(
  handler: (context: Context<TBody, TQuery>) => Promise<Response | unknown>,
  declared: Options<TBody, TQuery> | Operation<TBody, TQuery> = {},
) {
  const options = "success" in declared ? optionsOf(declared) : declared;
  return (request: Request, route: { params: Promise<Record<string, string>> }) => withRequestLog(request, async () => {
    try {
      const actor = await authenticate(request);
      if (!hasRole(actor, options.role ?? "member")) throw new AppError("forbidden", "This needs an admin.");
      if (actor.via !== "token") requireSameOrigin(request);
      const body = options.body ? parseInput(options.body, await readJsonBody(request)) : (undefined as TBody);
      const query = options.query ? parseInput(options.query, searchParamsOf(request)) : (undefined as TQuery);
      const params = await paramsOf(route);
      const result = await runAsActor(actor, () => handler({ actor, body, query, params, request }));
      if (result instanceof Response) return result;
      if (result === undefined || options.status === 204) return new Response(null, { status: 204 });
      return NextResponse.json(result, { status: options.status ?? 200 });
    } catch (error) {
      return errorResponse(error);
    }
  });
}

function optionsOf<TBody, TQuery>(operation: Operation<TBody, TQuery>): Options<TBody, TQuery> {
  if (operation.access === "public") throw new Error(`${operation.method} ${operation.path} is public: serve it with withoutAuth`);
  return { role: operation.access, body: operation.body, query: operation.query, status: operation.success.status };
}

/** For the few routes with no caller yet (the OpenAPI document, first-admin setup): same error mapping. */
export function withoutAuth(handler: (context: { request: Request }) => Promise<Response | unknown>, options: { status?: number } = {}) {
  return async (request: Request) => {
    try {
      const result = await handler({ request });
      return result instanceof Response ? result : NextResponse.json(result, { status: options.status ?? 200 });
    } catch (error) {
      return errorResponse(error);
    }
  };
}

export function errorResponse(error: unknown): Response {
  const { status, body } = toErrorBody(error);
  const headers: Record<string, string> = {};
  if (status === 401) headers["www-authenticate"] = 'Bearer realm="tidewater"';
  if (error instanceof RateLimitedError) headers["retry-after"] = String(error.retryAfterSeconds);
  return NextResponse.json(body, { status, headers });
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

/** No id holds NUL or a lone surrogate (PostgreSQL would refuse the lookup): such a path names nothing. */
async function paramsOf(route: { params: Promise<Record<string, string>> } | undefined): Promise<Record<string, string>> {
  const params = (await route?.params) ?? {};
  if (findUnsafeText(params)) throw new AppError("not_found", "Nothing has this id.");
  return params;
}

function searchParamsOf(request: Request): Record<string, string> {
  return Object.fromEntries(new URL(request.url).searchParams);
}
