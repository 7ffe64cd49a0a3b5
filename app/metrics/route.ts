// GET /metrics — Prometheus metrics of this process, for an admin's API token
import { metricsResponse } from "@/lib/observability/metrics-response";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  return metricsResponse(request.headers.get("authorization"));
}
