// One log line per API request, and its request id on every line logged while it is handled.
import { randomUUID } from "node:crypto";
import { log, withLogContext } from "./log";

const SAFE_ID = /^[\w.:-]{1,64}$/;

/** `path`: what the line shows instead of the request's path, when that holds a secret (a trigger URL). */
export async function withRequestLog(request: Request, handle: () => Promise<Response>, path?: string): Promise<Response> {
  // A proxy's id is kept so its lines and ours can be matched; anything odd gets a fresh one.
  const given = request.headers.get("x-request-id");
  const requestId = given && SAFE_ID.test(given) ? given : randomUUID();
  return withLogContext({ requestId }, async () => {
    const started = Date.now();
    const response = await handle();
    log().info({ method: request.method, path: path ?? new URL(request.url).pathname, status: response.status, ms: Date.now() - started }, "api request");
    try {
      response.headers.set("x-request-id", requestId);
    } catch {
      // Immutable headers (a redirect): the id is in the log line all the same.
    }
    return response;
  });
}
