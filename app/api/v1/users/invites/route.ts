import { pageReply } from "@/lib/api/page";
import { withAuth } from "@/lib/api/with-auth";
import { OPS } from "@/lib/openapi/operations";
import { inviteUser, listOpenInvites } from "@/lib/users/invite-user";

export const GET = withAuth(async ({ query }) => pageReply("invites", await listOpenInvites(query), query), OPS.getUsersInvites);

export const POST = withAuth(({ actor, body }) => inviteUser(actor.userId, body), OPS.postUsersInvites);
