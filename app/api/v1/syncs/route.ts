import { withAuth } from "@/lib/api/with-auth";
import { OPS } from "@/lib/openapi/operations";
import { createSync } from "@/lib/syncs/create-sync";
import { getSync } from "@/lib/syncs/get-sync";
import { listSyncs } from "@/lib/syncs/list-syncs";

export const GET = withAuth(({ query }) => listSyncs(query), OPS.getSyncs);

export const POST = withAuth(async ({ body }) => getSync((await createSync(body)).id), OPS.postSyncs);
