import { withAuth } from "@/lib/api/with-auth";
import { OPS } from "@/lib/openapi/operations";
import { getRun } from "@/lib/runs/list-runs";

export const GET = withAuth(({ params }) => getRun(params.id), OPS.getRunsById);
