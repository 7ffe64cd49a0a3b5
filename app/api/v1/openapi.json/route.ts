import { withoutAuth } from "@/lib/api/with-auth";
import { openApiDocument } from "@/lib/openapi/document";

// GET /api/v1/openapi.json — the OpenAPI 3.1 document of this API (public: it holds no data)
export const GET = withoutAuth(async () => openApiDocument());
