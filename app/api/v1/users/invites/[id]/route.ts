import { withAuth } from "@/lib/api/with-auth";
import { OPS } from "@/lib/openapi/operations";
import { revokeInvite } from "@/lib/users/revoke-invite";

export const DELETE = withAuth(({ params }) => revokeInvite(params.id), OPS.deleteUsersInvitesById);
