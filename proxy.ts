// Runs before every page and route: a fresh CSP nonce per request (Next.js reads it from the request's
// own Content-Security-Policy header and puts it on its scripts), and HSTS when reached over HTTPS.
import { NextResponse, type NextRequest } from "next/server";
import { reachedOverHttps } from "./lib/auth/client-address";
import { contentSecurityPolicy } from "./lib/http/security-headers";

export function proxy(request: NextRequest) {
  // Next.js answers a path it cannot percent-decode (`%C0%AE`, an encoded lone surrogate) with a bare 500.
  if (!decodes(request.nextUrl.pathname)) return badPath(request);
  const nonce = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
  const policy = contentSecurityPolicy(nonce);
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  if (reachedOverHttps(request.headers)) response.headers.set("Strict-Transport-Security", "max-age=31536000");
  return response;
}

function decodes(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

function badPath(request: NextRequest): Response {
  const message = "The address holds a percent-encoding that is not valid UTF-8.";
  if (request.nextUrl.pathname.startsWith("/api/")) return NextResponse.json({ error: { code: "invalid_input", message } }, { status: 400 });
  return new NextResponse(message, { status: 400, headers: { "content-type": "text/plain; charset=utf-8" } });
}

export const config = {
  // Built assets and Monaco's files need no nonce; every response gets next.config.js's headers.
  matcher: ["/((?!_next/static|_next/image|monaco/).*)"],
};
