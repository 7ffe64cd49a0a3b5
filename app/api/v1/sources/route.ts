import { pageReply } from "@/lib/api/page";
import { withAuth } from "@/lib/api/with-auth";
import { OPS } from "@/lib/openapi/operations";
import { createSource } from "@/lib/sources/create-source";
import { listSources } from "@/lib/sources/list-sources";

export const GET = withAuth(async ({ query }) => pageReply("sources", await listSources(query), query), OPS.getSources);

export const POST = withAuth(({ body }) => createSource(body), OPS.postSources);
