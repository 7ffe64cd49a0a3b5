import type { Connection, ConnectionOptions } from "snowflake-sdk";
import type { TSnowflakeConfig } from "./spec";

type Sdk = typeof import("snowflake-sdk");
let sdk: Promise<Sdk> | undefined;

/** snowflake-sdk is large (AWS and Azure SDKs) and warns on Node 20: load it only when a Snowflake source runs. */
export function loadSnowflake(): Promise<Sdk> {
  sdk ??= import("snowflake-sdk").then((module) => {
    const loaded = ((module as { default?: Sdk }).default ?? module) as Sdk;
    loaded.configure({
      logLevel: "OFF",
      additionalLogToConsole: false,
      // The SDK's default falls back to evaluating VARIANT text as JavaScript when it is not strict
      // JSON; data must never run as code, so such a value stays text instead.
      jsonColumnVariantParser: (raw: string) => JSON.parse(raw) as unknown,
      xmlColumnVariantParser: (raw: string) => raw,
    } as Parameters<Sdk["configure"]>[0]);
    return loaded;
  });
  return sdk;
}

export async function connectSnowflake(config: TSnowflakeConfig): Promise<Connection> {
  const snowflake = await loadSnowflake();
  const auth: Partial<ConnectionOptions> =
    config.authMethod === "keyPair"
      ? { authenticator: "SNOWFLAKE_JWT", privateKey: config.privateKey, ...(config.privateKeyPassphrase && { privateKeyPass: config.privateKeyPassphrase }) }
      : { password: config.password };
  const connection = snowflake.createConnection({
    account: config.account,
    username: config.user,
    warehouse: config.warehouse,
    database: config.database,
    ...(config.role && { role: config.role }),
    ...(config.accessUrl && { accessUrl: config.accessUrl }),
    application: "tidewater",
    clientSessionKeepAlive: false,
    // Login retries back off for up to five minutes by default; "Save database" should answer sooner.
    sfRetryMaxLoginRetries: 1,
    timeout: 15_000,
    ...auth,
  } as ConnectionOptions);
  return new Promise((resolve, reject) => connection.connect((error) => (error ? reject(error) : resolve(connection))));
}

export function destroy(connection: Connection): Promise<void> {
  return new Promise((resolve) => connection.destroy(() => resolve()));
}
