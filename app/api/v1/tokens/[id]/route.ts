import { withAuth } from "@/lib/api/with-auth";
import { revokeApiToken } from "@/lib/auth/api-tokens";
import { OPS } from "@/lib/openapi/operations";

export const DELETE = withAuth(({ params }) => revokeApiToken(params.id), OPS.deleteTokensById);
