import { withAuth } from "@/lib/api/with-auth";
import { deleteSource } from "@/lib/sources/delete-source";
import { getSource } from "@/lib/sources/list-sources";

// GET /api/v1/sources/{id} — one source with its databases (secrets only as "set") and syncs
export const GET = withAuth(({ params }) => getSource(params.id));

// DELETE /api/v1/sources/{id} — delete a source with its databases and syncs
export const DELETE = withAuth(({ params }) => deleteSource(params.id), { role: "admin" });
