import { z } from "zod";
import type { ConnectorSpec } from "../types";

const required = (what: string) => z.string().trim().min(1, `Enter the ${what}`);

// Password or key-pair authentication, chosen in the form; only the chosen secret is required.
export const ZSnowflakeConfigSchema = z
  .object({
    /** Account identifier: `orgname-account_name` or the locator (`xy12345.eu-west-1`). */
    account: required("account identifier").transform((account) => account.replace(/\.snowflakecomputing\.com\/?$/i, "")),
    warehouse: required("warehouse"),
    database: required("database"),
    role: z.string().trim().optional(),
    user: required("user name"),
    authMethod: z.enum(["password", "keyPair"]).default("password"),
    password: z.string().default(""),
    /** PEM (PKCS#8) private key whose public half is set on the Snowflake user. */
    privateKey: z.string().default(""),
    privateKeyPassphrase: z.string().default(""),
    /** Overrides https://<account>.snowflakecomputing.com, e.g. for PrivateLink. Leave empty otherwise. */
    accessUrl: z.url().optional(),
  })
  .superRefine((config, context) => {
    if (config.authMethod === "password" && !config.password) {
      context.addIssue({ code: "custom", path: ["password"], message: "Enter the password" });
    }
    if (config.authMethod === "keyPair" && !/-----BEGIN (ENCRYPTED )?PRIVATE KEY-----/.test(config.privateKey)) {
      context.addIssue({ code: "custom", path: ["privateKey"], message: "Paste the private key in PEM format (-----BEGIN PRIVATE KEY-----)" });
    }
  });
export type TSnowflakeConfig = z.infer<typeof ZSnowflakeConfigSchema>;

export const snowflakeSpec: ConnectorSpec = {
  kind: "snowflake",
  displayName: "Snowflake",
  configSchema: ZSnowflakeConfigSchema,
  secretKeys: ["password", "privateKey", "privateKeyPassphrase"],
};
