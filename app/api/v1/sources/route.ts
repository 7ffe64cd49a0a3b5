import { withAuth } from "@/lib/api/with-auth";
import { createSource } from "@/lib/sources/create-source";
import { listSources } from "@/lib/sources/list-sources";
import { ZCreateSourceSchema } from "@/lib/sources/schemas";

// GET /api/v1/sources — list sources with their databases and syncs
export const GET = withAuth(() => listSources());

// POST /api/v1/sources — create a source
export const POST = withAuth(({ body }) => createSource(body), { role: "admin", body: ZCreateSourceSchema, status: 201 });
