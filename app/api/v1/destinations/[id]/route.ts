import { withAuth } from "@/lib/api/with-auth";
import { deleteDestination } from "@/lib/destinations/delete-destination";
import { getDestination } from "@/lib/destinations/get-destination";
import { updateDestination } from "@/lib/destinations/update-destination";
import { OPS } from "@/lib/openapi/operations";

export const GET = withAuth(({ params }) => getDestination(params.id), OPS.getDestinationsById);

export const PATCH = withAuth(async ({ params, body }) => getDestination((await updateDestination(params.id, body)).id), OPS.patchDestinationsById);

export const DELETE = withAuth(({ params }) => deleteDestination(params.id), OPS.deleteDestinationsById);
