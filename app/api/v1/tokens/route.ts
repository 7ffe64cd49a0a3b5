import { pageReply } from "@/lib/api/page";
import { withAuth } from "@/lib/api/with-auth";
import { createApiToken, listApiTokens } from "@/lib/auth/api-tokens";
import { OPS } from "@/lib/openapi/operations";

export const GET = withAuth(async ({ query }) => pageReply("tokens", await listApiTokens(query), query), OPS.getTokens);

// The token is in this reply only.
export const POST = withAuth(({ actor, body }) => createApiToken(actor.userId, body), OPS.postTokens);
