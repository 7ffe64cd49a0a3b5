// Runs before every page and route: a fresh CSP nonce per request (Next.js reads it from the request's
// own Content-Security-Policy header and puts it on its scripts), and HSTS when reached over HTTPS.
import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy } from "./lib/http/security-headers";

export function proxy(request: NextRequest) {
  const nonce = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
  const policy = contentSecurityPolicy(nonce);
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  if (isHttps(request)) response.headers.set("Strict-Transport-Security", "max-age=31536000");
  return response;
}

function isHttps(request: NextRequest): boolean {
  const forwarded = request.headers.get("x-forwarded-proto")?.split(",")[0].trim();
  return (forwarded ?? request.nextUrl.protocol.replace(":", "")) === "https";
}

export const config = {
  // Built assets and Monaco's files need no nonce; every response gets next.config.js's headers.
  matcher: ["/((?!_next/static|_next/image|monaco/).*)"],
};
