import { withAuth } from "@/lib/api/with-auth";
import { createApiToken, listApiTokens, ZCreateApiTokenSchema } from "@/lib/auth/api-tokens";

// GET /api/v1/tokens — list API tokens (never the tokens themselves)
export const GET = withAuth(() => listApiTokens(), { role: "admin" });

// POST /api/v1/tokens — create an API token for the caller; the token is in this reply only
export const POST = withAuth(({ actor, body }) => createApiToken(actor.userId, body), { role: "admin", body: ZCreateApiTokenSchema, status: 201 });
