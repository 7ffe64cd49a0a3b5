import { withAuth } from "@/lib/api/with-auth";
import { revokeApiToken } from "@/lib/auth/api-tokens";

// DELETE /api/v1/tokens/{id} — revoke an API token
export const DELETE = withAuth(({ params }) => revokeApiToken(params.id), { role: "admin" });
