import { z } from "zod";
import { bigquerySpec } from "./bigquery/spec";
import { demoSpec } from "./demo/spec";
import { mssqlSpec } from "./mssql/spec";
import { mysqlSpec } from "./mysql/spec";
import { postgresSpec } from "./postgres/spec";
import { redshiftSpec } from "./redshift/spec";
import { snowflakeSpec } from "./snowflake/spec";
import { ConnectorError, type Connector, type ConnectorSpec } from "./types";

export const SOURCE_KINDS = ["postgres", "redshift", "snowflake", "bigquery", "mssql", "mysql", "demo"] as const;
export const ZSourceKindSchema = z.enum(SOURCE_KINDS);
export type TSourceKind = z.infer<typeof ZSourceKindSchema>;

export const SOURCE_KIND_NAMES: Record<TSourceKind, string> = {
  postgres: "PostgreSQL",
  redshift: "Amazon Redshift",
  snowflake: "Snowflake",
  bigquery: "Google BigQuery",
  mssql: "Microsoft SQL Server",
  mysql: "MySQL",
  demo: "Demo (sample data)",
};

// Specs are small and load eagerly (forms and validation need them); drivers load on first use.
const specs: Partial<Record<TSourceKind, ConnectorSpec>> = {
  postgres: postgresSpec,
  redshift: redshiftSpec,
  snowflake: snowflakeSpec,
  bigquery: bigquerySpec,
  mssql: mssqlSpec,
  mysql: mysqlSpec,
  demo: demoSpec,
};

const loaders: Partial<Record<TSourceKind, () => Promise<Connector<never>>>> = {
  postgres: async () => (await import("./postgres/index")).postgresConnector,
  redshift: async () => (await import("./redshift/index")).redshiftConnector,
  // Its index imports no driver: snowflake-sdk itself loads on the first connect.
  snowflake: async () => (await import("./snowflake/index")).snowflakeConnector,
  bigquery: async () => (await import("./bigquery/index")).bigqueryConnector,
  mssql: async () => (await import("./mssql/index")).mssqlConnector,
  mysql: async () => (await import("./mysql/index")).mysqlConnector,
  demo: async () => (await import("./demo/index")).demoConnector,
};

export function isAvailable(kind: TSourceKind): boolean {
  return kind in loaders;
}

export function connectorSpec(kind: TSourceKind): ConnectorSpec {
  const spec = specs[kind];
  if (!spec) throw new ConnectorError(`${SOURCE_KIND_NAMES[kind]} sources are not supported in this version of Tidewater yet.`);
  return spec;
}

export async function loadConnector(kind: TSourceKind): Promise<Connector<Record<string, unknown>>> {
  const load = loaders[kind];
  if (!load) throw new ConnectorError(`${SOURCE_KIND_NAMES[kind]} sources are not supported in this version of Tidewater yet.`);
  return (await load()) as unknown as Connector<Record<string, unknown>>;
}
