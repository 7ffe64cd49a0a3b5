import { pageReply } from "@/lib/api/page";
import { withAuth } from "@/lib/api/with-auth";
import { OPS } from "@/lib/openapi/operations";
import { listUsers } from "@/lib/users/list-users";

export const GET = withAuth(async ({ query }) => pageReply("users", await listUsers(query), query), OPS.getUsers);
