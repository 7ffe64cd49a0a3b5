import { withAuth } from "@/lib/api/with-auth";
import { deleteDatabase } from "@/lib/sources/delete-database";

// DELETE /api/v1/sources/{id}/databases/{databaseId} — delete a database no sync uses (409 otherwise)
export const DELETE = withAuth(({ params }) => deleteDatabase(params.id, params.databaseId), { role: "admin" });
