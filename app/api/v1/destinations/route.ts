import { pageReply } from "@/lib/api/page";
import { withAuth } from "@/lib/api/with-auth";
import { createDestination } from "@/lib/destinations/create-destination";
import { listDestinations } from "@/lib/destinations/list-destinations";
import { OPS } from "@/lib/openapi/operations";

export const GET = withAuth(async ({ query }) => pageReply("destinations", await listDestinations(query), query), OPS.getDestinations);

export const POST = withAuth(({ body }) => createDestination(body), OPS.postDestinations);
