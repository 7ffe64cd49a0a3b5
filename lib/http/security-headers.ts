// The Content-Security-Policy of every page (the static security headers are in next.config.js).
// The script policy is a per-request nonce with 'strict-dynamic':
// Next.js's inline bootstrap scripts carry the nonce, and the scripts they add (Monaco's loader and
// modules, served from /monaco) inherit the trust; no 'unsafe-eval' outside `next dev`.
export function contentSecurityPolicy(nonce: string, development = process.env.NODE_ENV === "development"): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    // React's style attributes and the styles Monaco adds at run time.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "worker-src 'self' blob:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}
