export type SqlDialect = "postgresql" | "redshift" | "mysql" | "mariadb" | "transactsql" | "snowflake" | "bigquery";

export const READ_ONLY_MESSAGE =
  "Only a single SELECT (or WITH … SELECT) statement can run here: Tidewater never changes your data.";
