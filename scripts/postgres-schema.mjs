// The PostgreSQL twin of a SQLite Prisma schema: same models, other provider and output folder.
export function toPostgresSchema(sqliteSchema) {
  return sqliteSchema
    .replace('provider = "sqlite"', 'provider = "postgresql"')
    .replace('url      = "file:./placeholder.db"', 'url      = "postgresql://localhost/placeholder"')
    .replace("../node_modules/@tidewater/prisma-sqlite", "../../node_modules/@tidewater/prisma-postgres");
}
