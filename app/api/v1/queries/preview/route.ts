import { withAuth } from "@/lib/api/with-auth";
import { previewQuery, ZPreviewQuerySchema } from "@/lib/queries/preview-query";

// POST /api/v1/queries/preview — run a query and show the calls its first rows would become (nothing is sent)
export const POST = withAuth(({ body }) => previewQuery(body), { body: ZPreviewQuerySchema });
