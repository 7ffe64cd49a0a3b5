// `npm run worker`: the compiled worker that `npm run build` left in .worker/, or, in a checkout
// that was never built, scripts/worker.ts through tsx.
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const compiled = path.join(root, ".worker", "worker.mjs");
if (existsSync(compiled)) {
  await import(pathToFileURL(compiled).href);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import(pathToFileURL(path.join(root, "scripts", "worker.ts")).href);
}
