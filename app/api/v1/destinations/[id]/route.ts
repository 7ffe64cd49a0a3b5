import { withAuth } from "@/lib/api/with-auth";
import { deleteDestination } from "@/lib/destinations/delete-destination";
import { getDestination } from "@/lib/destinations/get-destination";
import { updateDestination } from "@/lib/destinations/update-destination";
import { OPS } from "@/lib/openapi/operations";

export const GET = withAuth(({ params }) => getDestination(params.id), OPS.getDestinationsById);

// PATCH /api/v1/destinations/{id} — change a destination (?compare=true: only say what would change)
export const PATCH = withAuth(async ({ params, body, query }) => {
  const { changed, changedFields } = await updateDestination(params.id, body, { compare: query.compare === "true" });
  return { ...(await getDestination(params.id)), changed, changedFields };
}, OPS.patchDestinationsById);

export const DELETE = withAuth(({ params }) => deleteDestination(params.id), OPS.deleteDestinationsById);
