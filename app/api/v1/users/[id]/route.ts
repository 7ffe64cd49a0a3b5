import { withAuth } from "@/lib/api/with-auth";
import { OPS } from "@/lib/openapi/operations";
import { changeUserRole } from "@/lib/users/change-user-role";
import { getUser } from "@/lib/users/list-users";
import { removeUser } from "@/lib/users/remove-user";

export const PATCH = withAuth(async ({ actor, params, body }) => {
  await changeUserRole(actor.userId, params.id, body.role);
  return getUser(params.id);
}, OPS.patchUsersById);

export const DELETE = withAuth(({ actor, params }) => removeUser(actor.userId, params.id), OPS.deleteUsersById);
