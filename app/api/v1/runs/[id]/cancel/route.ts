import { withAuth } from "@/lib/api/with-auth";
import { OPS } from "@/lib/openapi/operations";
import { cancelRun } from "@/lib/runs/cancel-run";

export const POST = withAuth(({ actor, params }) => cancelRun(params.id, actor), OPS.postRunsByIdCancel);
