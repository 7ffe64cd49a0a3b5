import { withAuth } from "@/lib/api/with-auth";
import { OPS } from "@/lib/openapi/operations";
import { deleteSource } from "@/lib/sources/delete-source";
import { getSource } from "@/lib/sources/list-sources";

export const GET = withAuth(({ params }) => getSource(params.id), OPS.getSourcesById);

export const DELETE = withAuth(({ params }) => deleteSource(params.id), OPS.deleteSourcesById);
