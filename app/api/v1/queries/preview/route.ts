import { withAuth } from "@/lib/api/with-auth";
import { OPS } from "@/lib/openapi/operations";
import { previewQuery } from "@/lib/queries/preview-query";

export const POST = withAuth(({ body }) => previewQuery(body), OPS.postQueriesPreview);
