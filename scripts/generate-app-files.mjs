// Makes the files the app needs that git does not keep: the two Prisma clients (node_modules/@tidewater/) and
// Monaco's files served by the app itself, not a CDN (public/monaco/vs). Runs as `postinstall` and
// `prebuild`, so `npm ci && npm run build` works on a fresh clone; does nothing when both are up to
// date. npm runs the project's own lifecycle scripts whatever `allowScripts` says: that field only
// gates dependencies' install scripts (npm 11; npm 10 ignores it), and `npm ci --ignore-scripts`
// still gets these files from `prebuild`.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

process.chdir(fileURLToPath(new URL("..", import.meta.url)));

const version = (pkg) => JSON.parse(readFileSync(`node_modules/${pkg}/package.json`, "utf8")).version;
const upToDate = (stamp, inputs, outputs) =>
  outputs.every((file) => existsSync(file)) && existsSync(stamp) && readFileSync(stamp, "utf8") === inputs;

// The stamps record what the files were made from (contents and versions, not mtimes: npm unpacks
// every package with the same old mtime), so an upgraded Prisma or an edited schema remakes them.
const prismaInputs = createHash("sha256")
  .update(["prisma/schema.prisma", "scripts/postgres-schema.mjs", "scripts/prisma-generate.mjs"].map((f) => readFileSync(f, "utf8")).join("\0"))
  .update(`prisma ${version("prisma")} @prisma/client ${version("@prisma/client")}`)
  .digest("hex");
const prismaStamp = "lib/generated/.prisma-inputs";
if (!upToDate(prismaStamp, prismaInputs, ["node_modules/@tidewater/prisma-sqlite/index.js", "node_modules/@tidewater/prisma-postgres/index.js"])) {
  execFileSync("node", ["scripts/prisma-generate.mjs"], { stdio: ["ignore", "ignore", "inherit"] });
  mkdirSync("lib/generated", { recursive: true });
  writeFileSync(prismaStamp, prismaInputs);
  console.log("Generated the Prisma clients (node_modules/@tidewater/).");
}

const monacoInputs = `monaco-editor ${version("monaco-editor")}`;
const monacoStamp = "lib/generated/.monaco-inputs"; // not in public/, which the app serves
if (!upToDate(monacoStamp, monacoInputs, ["public/monaco/vs/loader.js"])) {
  rmSync("public/monaco", { recursive: true, force: true });
  mkdirSync("lib/generated", { recursive: true });
  cpSync("node_modules/monaco-editor/min/vs", "public/monaco/vs", { recursive: true });
  writeFileSync(monacoStamp, monacoInputs);
  console.log("Copied Monaco's files (public/monaco/vs).");
}
