import { readJsonBody } from "@/lib/api/read-json-body";
import { withoutAuth } from "@/lib/api/with-auth";
import { clientAddress } from "@/lib/auth/client-address";
import { setupFirstAdmin } from "@/lib/users/setup-first-admin";

const MAX_SETUP_BYTES = 16 * 1024;

// POST /api/setup — create the first admin with the setup code printed at start (what the /setup
// form does, for scripted installs): { code, email, password, name? } → 201 { id, email, role }
export const POST = withoutAuth(
  async ({ request }) => setupFirstAdmin(await readJsonBody(request, MAX_SETUP_BYTES), { address: clientAddress(request.headers) }),
  { status: 201 },
);
