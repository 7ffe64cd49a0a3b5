// A server action called over HTTP as the browser's React runtime calls it: a POST to a page that
// uses it, with the action's id (from the build's server-reference manifest) in `Next-Action` and
// its arguments as JSON. Lets tests drive the app's forms through the production build.
import { readFileSync } from "node:fs";
import path from "node:path";
import { APP_DIR } from "../api/support/app-server";

type Manifest = { node: Record<string, { filename: string; exportedName: string }> };

let manifest: Manifest | undefined;

function actionId(file: string, exportName: string): string {
  manifest ??= JSON.parse(readFileSync(path.join(APP_DIR, ".next/server/server-reference-manifest.json"), "utf8")) as Manifest;
  const found = Object.entries(manifest.node).find(([, entry]) => entry.filename === file && entry.exportedName === exportName);
  if (!found) throw new Error(`no server action ${exportName} in ${file} in the build`);
  return found[0];
}

export type ActionReply = { status: number; result: any; text: string };

/**
 * Calls `exportName` of `file` (e.g. "app/(dashboard)/settings/actions.ts") on `page` (a path whose
 * page uses it, e.g. "/settings") as the person whose Cookie header is `cookie`.
 */
export async function callServerAction(baseUrl: string, cookie: string, page: string, file: string, exportName: string, args: unknown[]): Promise<ActionReply> {
  const response = await fetch(`${baseUrl}${page}`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "next-action": actionId(file, exportName),
      accept: "text/x-component",
      "content-type": "text/plain;charset=UTF-8",
      origin: baseUrl,
      cookie,
    },
    body: JSON.stringify(args),
  });
  const text = await response.text();
  // The flight reply: row 0 is the envelope, row 1 the action's return value.
  const row = /^1:(.*)$/m.exec(text)?.[1];
  return { status: response.status, result: row ? JSON.parse(row) : undefined, text };
}
