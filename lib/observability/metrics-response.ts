// GET /metrics: the process's registry in Prometheus text format, for an admin's API token only.
import { actorForToken } from "../auth/api-tokens";
import { hasRole } from "../auth/roles";
import { metrics } from "./metrics";

export async function metricsResponse(authorization: string | null | undefined): Promise<Response> {
  const [scheme, token] = (authorization ?? "").split(" ");
  const actor = scheme?.toLowerCase() === "bearer" && token ? await actorForToken(token) : null;
  if (!actor) return plain(401, "unauthorized", { "www-authenticate": 'Bearer realm="tidewater"' });
  if (!hasRole(actor, "admin")) return plain(403, "forbidden");
  const { registry } = metrics();
  return new Response(await registry.metrics(), { headers: { "content-type": registry.contentType, "cache-control": "no-store" } });
}

function plain(status: number, word: string, headers: Record<string, string> = {}): Response {
  return new Response(`${word}\n`, { status, headers: { "content-type": "text/plain; charset=utf-8", ...headers } });
}
