import { withAuth } from "@/lib/api/with-auth";
import { OPS } from "@/lib/openapi/operations";
import { findRuns } from "@/lib/runs/list-runs";

export const GET = withAuth(({ query }) => findRuns(query), OPS.getRuns);
