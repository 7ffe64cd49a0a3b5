// GET /readyz — the app database, its migrations and this process's scheduler are fine (no auth, no details)
import { isReady, statusResponse } from "@/lib/observability/readiness";

export const dynamic = "force-dynamic";

export async function GET() {
  return statusResponse(await isReady());
}
