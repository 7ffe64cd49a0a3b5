import { NextResponse } from "next/server";
import { consumeSignInAttempt } from "./sign-in-limit";

/**
 * A 429 with Retry-After for a credentials sign-in over the limits, else null (next-auth goes on).
 * The body is the error envelope plus the `url` next-auth's client reads, whose `error` parameter
 * carries the wait for the form's message.
 */
export async function refuseSignInOverLimit(request: Request): Promise<Response | null> {
  const url = new URL(request.url);
  if (!url.pathname.endsWith("/callback/credentials")) return null;
  const form = new URLSearchParams(await request.clone().text().catch(() => ""));
  const verdict = await consumeSignInAttempt(form.get("email") ?? "", request.headers);
  if (verdict.allowed) return null;
  const seconds = verdict.retryAfterSeconds;
  const message = `Too many sign-in attempts. Try again in ${seconds} seconds.`;
  const signInUrl = new URL("/sign-in", process.env.NEXTAUTH_URL ?? url.origin);
  signInUrl.searchParams.set("error", `TooManyAttempts:${seconds}`);
  return NextResponse.json(
    { error: { code: "too_many_requests", message }, url: signInUrl.toString() },
    { status: 429, headers: { "retry-after": String(seconds) } },
  );
}
