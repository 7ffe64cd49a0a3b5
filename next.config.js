/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native drivers and engines stay outside the bundle and load from node_modules at run time.
  serverExternalPackages: [
    "@duckdb/node-api",
    "better-sqlite3",
    "pg",
    "pg-cursor",
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
};

export default nextConfig;
