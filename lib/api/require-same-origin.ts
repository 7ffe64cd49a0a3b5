// A session cookie rides along with any request a browser makes, including a form or fetch from
// another site (or a sibling subdomain, which counts as same-site). Unsafe methods that rely on the
// cookie must come from the app's own pages; bearer tokens are not sent by browsers on their own.
import { AppError } from "../errors";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function requireSameOrigin(request: Request): void {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return;
  const fetchSite = request.headers.get("sec-fetch-site");
  if (fetchSite !== null && fetchSite !== "same-origin") throw crossOrigin();
  const origin = request.headers.get("origin");
  if (origin === null) {
    if (fetchSite === "same-origin") return;
    throw crossOrigin();
  }
  if (!ownOrigins(request).has(origin.toLowerCase())) throw crossOrigin();
}

/** The origins the app is reached at: the Host it was asked for (or the proxy's) and NEXTAUTH_URL. */
function ownOrigins(request: Request): Set<string> {
  const origins = new Set<string>();
  const host = request.headers.get("x-forwarded-host")?.split(",")[0].trim() || request.headers.get("host");
  const protocol = request.headers.get("x-forwarded-proto")?.split(",")[0].trim() || new URL(request.url).protocol.replace(":", "");
  if (host) origins.add(`${protocol}://${host}`.toLowerCase());
  const configured = process.env.NEXTAUTH_URL;
  if (configured) {
    try {
      origins.add(new URL(configured).origin.toLowerCase());
    } catch {
      // An unparsable NEXTAUTH_URL adds nothing; next-auth reports it.
    }
  }
  return origins;
}

const crossOrigin = () =>
  new AppError("forbidden", "This request came from another site. Call the API with an API token, or use Tidewater's own pages.");
