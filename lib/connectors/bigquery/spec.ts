import { z } from "zod";
import type { ConnectorSpec } from "../types";

export type TServiceAccountKey = { client_email: string; private_key: string; private_key_id?: string; project_id?: string };

/** The service account key file's contents, pasted in (the docs' "Service Account Credentials"). */
export function parseServiceAccountKey(text: string): TServiceAccountKey | string {
  let key: unknown;
  try {
    key = JSON.parse(text);
  } catch {
    return "Paste the whole service account key file: it must be JSON.";
  }
  const record = (key ?? {}) as Record<string, unknown>;
  if (typeof record.client_email !== "string" || !record.client_email.includes("@")) return "The key has no client_email: paste a service account key (JSON), not another kind of file.";
  if (typeof record.private_key !== "string" || !record.private_key.includes("PRIVATE KEY")) return "The key has no private_key: create a new JSON key for the service account and paste it.";
  return record as TServiceAccountKey;
}

export const ZBigQueryConfigSchema = z
  .object({
    /** Defaults to the project of the service account key. */
    projectId: z.string().trim().default(""),
    /** Where jobs run, e.g. US, EU or europe-west2; empty lets BigQuery pick from the datasets used. */
    location: z.string().trim().default(""),
    credentialsJson: z.string().trim().min(1, "Paste the service account key (JSON)"),
    /** Overrides https://bigquery.googleapis.com (Private Service Connect, emulators). Leave empty otherwise. */
    apiEndpoint: z.url().optional(),
  })
  .superRefine((config, context) => {
    const key = parseServiceAccountKey(config.credentialsJson);
    if (typeof key === "string") return context.addIssue({ code: "custom", path: ["credentialsJson"], message: key });
    if (!config.projectId && !key.project_id) context.addIssue({ code: "custom", path: ["projectId"], message: "Enter the project ID" });
  });
export type TBigQueryConfig = z.infer<typeof ZBigQueryConfigSchema>;

export const bigquerySpec: ConnectorSpec = {
  kind: "bigquery",
  displayName: "Google BigQuery",
  configSchema: ZBigQueryConfigSchema,
  secretKeys: ["credentialsJson"],
};
