import { withAuth } from "@/lib/api/with-auth";
import { createDatabase } from "@/lib/sources/create-database";
import { ZCreateDatabaseSchema } from "@/lib/sources/schemas";

// POST /api/v1/sources/{id}/databases — test the connection, then add the database to the source
export const POST = withAuth(({ params, body }) => createDatabase(params.id, body), { role: "admin", body: ZCreateDatabaseSchema, status: 201 });
