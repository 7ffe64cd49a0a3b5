import { withAuth } from "@/lib/api/with-auth";
import { OPS } from "@/lib/openapi/operations";
import { createDatabase } from "@/lib/sources/create-database";

export const POST = withAuth(({ params, body }) => createDatabase(params.id, body), OPS.postSourcesByIdDatabases);
