import { withoutAuth } from "@/lib/api/with-auth";
import { AppError } from "@/lib/errors";

// Any other /api/v1 address — a 404 in the error envelope, not the app's HTML page
const unknownRoute = withoutAuth(async () => {
  throw new AppError("not_found", "There is no such API route. The routes are listed in /api/v1/openapi.json.");
});
export { unknownRoute as GET, unknownRoute as POST, unknownRoute as PUT, unknownRoute as PATCH, unknownRoute as DELETE };
