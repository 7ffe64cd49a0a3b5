// GET /healthz — the process is alive (no auth, no details)
import { statusResponse } from "@/lib/observability/readiness";

export const dynamic = "force-dynamic";

export function GET() {
  return statusResponse(true);
}
