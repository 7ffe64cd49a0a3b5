// Compiles `npm run worker`'s process (scripts/worker.ts and the app code it imports) to plain
// JavaScript in .worker/, so a worker starts without tsx: ~35 MiB less per process and no compile
// at start. `npm run build` runs it after `next build`. Packages stay imports of node_modules, and
// each dynamic import is a chunk of its own, so a driver loads only when a sync uses it.
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/**
 * Bundles our TypeScript from `entryPoint` into `outdir` as Node ESM: packages stay imports of
 * node_modules (so `outdir` must be inside the repository), a chunk per dynamic import. Returns the
 * entry's output file.
 */
export async function bundleForNode(entryPoint, outdir) {
  await esbuild.build({
    entryPoints: [entryPoint],
    outdir,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    splitting: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    tsconfig: path.join(root, "tsconfig.json"),
    logLevel: "error",
  });
  return path.join(outdir, `${path.basename(entryPoint, path.extname(entryPoint))}.mjs`);
}

/** Builds the worker into `outdir` (.worker/ unless told). */
export function buildWorker(outdir = path.join(root, ".worker")) {
  return bundleForNode(path.join(root, "scripts", "worker.ts"), outdir);
}

if (fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) await buildWorker();
