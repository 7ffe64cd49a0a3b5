// On every response; proxy.ts adds each page's Content-Security-Policy (it needs a nonce per request).
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native drivers and engines stay outside the bundle and load from node_modules at run time. The
  // Prisma clients are generated into node_modules/@tidewater/ for this: bundled, their look-up of
  // their own folder from process.cwd() made Turbopack trace the whole project.
  serverExternalPackages: [
    "@tidewater/prisma-sqlite",
    "@tidewater/prisma-postgres",
    "@duckdb/node-api",
    "better-sqlite3",
    "pg",
    "pg-cursor",
    "pg-boss",
    "@prisma/adapter-better-sqlite3",
    "@prisma/adapter-pg",
    "ssh2",
    "node-sql-parser",
    "mysql2",
    "mssql",
    "snowflake-sdk",
    "@google-cloud/bigquery",
  ],
  poweredByHeader: false,
  // The build checks the app's types without the test files: `NODE_ENV=production npm ci` leaves out
  // vitest and Playwright, which they import. `npm run typecheck` checks everything.
  typescript: { tsconfigPath: "tsconfig.build.json" },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
