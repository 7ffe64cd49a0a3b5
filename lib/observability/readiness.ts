// GET /readyz: the app database answers, every migration this build ships is applied, and this
// process's scheduler or worker loop is alive. The answer is a status word only.
import { db } from "../db";
import { env } from "../env";
import { jobRunner } from "../jobs/job-runner";
import { shippedMigrations } from "./shipped-migrations";

const CHECK_TIMEOUT_MS = 3_000;

export async function isReady(): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), CHECK_TIMEOUT_MS)));
  try {
    return await Promise.race([check(), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

async function check(): Promise<boolean> {
  const applied = await db().$queryRawUnsafe<{ name: string }[]>("SELECT name FROM _tidewater_migrations");
  const names = new Set(applied.map((row) => row.name));
  if (!shippedMigrations(env().DATABASE_URL).every((file) => names.has(file))) return false;
  return (await jobRunner()).isAlive();
}

export function statusResponse(ok: boolean, word = ok ? "ok" : "unavailable"): Response {
  return new Response(JSON.stringify({ status: word }), {
    status: ok ? 200 : 503,
    headers: { "content-type": "application/json", "cache-control": "no-store" },
  });
}
