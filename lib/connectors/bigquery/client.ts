import { BigQuery } from "@google-cloud/bigquery";
import { ConnectorError } from "../types";
import { parseServiceAccountKey, type TBigQueryConfig } from "./spec";

export function bigQueryClient(config: TBigQueryConfig): { client: BigQuery; projectId: string } {
  const key = parseServiceAccountKey(config.credentialsJson);
  if (typeof key === "string") throw new ConnectorError(key);
  const projectId = config.projectId || key.project_id || "";
  const client = new BigQuery({
    projectId,
    ...(config.location && { location: config.location }),
    ...(config.apiEndpoint && { apiEndpoint: config.apiEndpoint }),
    credentials: { client_email: key.client_email, private_key: key.private_key, ...(key.private_key_id && { private_key_id: key.private_key_id }) },
    autoRetry: true,
    maxRetries: 1,
  } as ConstructorParameters<typeof BigQuery>[0]);
  // Sign each request with the key itself (a self-signed JWT with the BigQuery scope, which Google
  // APIs accept) instead of first trading it for a token at oauth2.googleapis.com: one host fewer to
  // reach. GoogleAuth passes this flag to the JWT client it creates on the first request.
  client.authClient.useJWTAccessWithScope = true;
  return { client, projectId };
}
