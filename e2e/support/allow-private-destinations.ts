// Run by scripts/e2e-server.sh: the specs' receivers listen on loopback, so the admin setting allows
// private destinations (not the environment variable, which e2e/first-minutes.spec.ts must be able to turn off).
import { db } from "../../lib/db";
import { updateSettings } from "../../lib/settings/settings";

await updateSettings({ allowPrivateDestinations: true });
await db().$disconnect();
