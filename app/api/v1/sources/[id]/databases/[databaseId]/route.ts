import { withAuth } from "@/lib/api/with-auth";
import { OPS } from "@/lib/openapi/operations";
import { deleteDatabase } from "@/lib/sources/delete-database";

export const DELETE = withAuth(({ params }) => deleteDatabase(params.id, params.databaseId), OPS.deleteSourcesByIdDatabasesDatabaseId);
