import { withAuth } from "@/lib/api/with-auth";
import { OPS } from "@/lib/openapi/operations";
import { dryRunDraft } from "@/lib/runs/dry-run-draft";

// POST /api/v1/dry-runs — a dry run of a sync not saved yet (the wizard's step), streamed as NDJSON
export const POST = withAuth(({ body, request }) => dryRunDraft(body, request.signal), OPS.postDryRuns);
