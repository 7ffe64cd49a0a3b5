import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

// A variable set to "" (`TIDEWATER_API_TOKEN=` in a compose file) means "not set", as in most
// tools, rather than an invalid value that stops the start.
const unsetIfEmpty = (value: unknown) => (value === "" ? undefined : value);

// Validated once at boot, so a wrong deploy fails at once with a message naming the variable.
const ZEnvShape = {
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATABASE_URL: z
    .string()
    .regex(/^(file:|postgres(ql)?:\/\/)/, "must be a file: path (SQLite) or a postgresql:// URL")
    .optional(),
  TIDEWATER_DATA_DIR: z.string().default(path.join(process.cwd(), "data")),
  TIDEWATER_SECRET_KEY: z
    .string()
    .regex(/^([0-9a-f]{64}|[A-Za-z0-9+/]{43}=)$/i, "must be 32 bytes as 64 hex digits or base64")
    .optional(),
  TIDEWATER_API_TOKEN: z.string().min(20, "must be at least 20 characters").optional(),
  TIDEWATER_ALLOW_PRIVATE_DESTINATIONS: z.enum(["0", "1", "true", "false"]).optional(),
  TIDEWATER_SCHEDULER: z.enum(["on", "off"]).default("on"),
  /** all: web and worker in one process; web: the UI and API only; worker: runs syncs (PostgreSQL only). */
  TIDEWATER_ROLE: z.enum(["all", "web", "worker"]).default("all"),
  /** Runs one worker process takes at once (distributed mode). */
  TIDEWATER_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(8),
  /** Read by the logger itself (it may log before env() is read); checked here so a typo fails at boot. */
  TIDEWATER_LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  NEXTAUTH_SECRET: z.string().optional(),
  NEXTAUTH_URL: z.string().url("must be the URL people open, like https://tidewater.example.com").optional(),
  /** With TIDEWATER_ADMIN_PASSWORD: the first admin is created at start, with no setup step on the web. */
  TIDEWATER_ADMIN_EMAIL: z.string().trim().toLowerCase().email("must be an email address").optional(),
  TIDEWATER_ADMIN_PASSWORD: z.string().min(10, "must be at least 10 characters").max(200).optional(),
};
const ZEnvSchema = z
  .object(Object.fromEntries(Object.entries(ZEnvShape).map(([key, schema]) => [key, z.preprocess(unsetIfEmpty, schema)])) as {
    [K in keyof typeof ZEnvShape]: z.ZodPipe<z.ZodTransform<unknown, unknown>, (typeof ZEnvShape)[K]>;
  })
  .refine((values) => values.TIDEWATER_ROLE === "all" || /^postgres/.test(values.DATABASE_URL ?? ""), {
    message: "web and worker processes share a PostgreSQL app database: set DATABASE_URL to a postgresql:// URL, or use TIDEWATER_ROLE=all",
    path: ["TIDEWATER_ROLE"],
  })
  .refine((values) => values.TIDEWATER_ROLE === "all" || values.TIDEWATER_SECRET_KEY, {
    message: "every web and worker process must decrypt the same credentials: set the same TIDEWATER_SECRET_KEY on each",
    path: ["TIDEWATER_SECRET_KEY"],
  })
  .refine((values) => Boolean(values.TIDEWATER_ADMIN_EMAIL) === Boolean(values.TIDEWATER_ADMIN_PASSWORD), {
    message: "set both TIDEWATER_ADMIN_EMAIL and TIDEWATER_ADMIN_PASSWORD, or neither",
    path: ["TIDEWATER_ADMIN_PASSWORD"],
  });

export type TEnv = z.infer<typeof ZEnvSchema> & { DATABASE_URL: string; secretKey: Buffer };

let cached: TEnv | undefined;

export function env(): TEnv {
  if (cached) return cached;
  const parsed = ZEnvSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`).join("\n");
    throw new Error(`Tidewater cannot start: invalid environment\n${problems}`);
  }
  const values = parsed.data;
  cached = {
    ...values,
    DATABASE_URL: values.DATABASE_URL ?? `file:${path.join(values.TIDEWATER_DATA_DIR, "tidewater.db")}`,
    secretKey: secretKey(values.TIDEWATER_SECRET_KEY, values.TIDEWATER_DATA_DIR),
  };
  return cached;
}

/** PostgreSQL app database: runs are pg-boss jobs any worker process may take. */
export function isDistributed(): boolean {
  return !env().DATABASE_URL.startsWith("file:");
}

export function allowPrivateDestinations(): boolean {
  const value = env().TIDEWATER_ALLOW_PRIVATE_DESTINATIONS;
  return value === "1" || value === "true";
}

/** The key credentials are encrypted with: from the environment, or generated once into the data dir. */
function secretKey(fromEnv: string | undefined, dataDir: string): Buffer {
  if (fromEnv) return Buffer.from(fromEnv, fromEnv.length === 64 ? "hex" : "base64");
  const file = path.join(dataDir, "secret.key");
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString("hex"), { mode: 0o600, flag: "wx" });
  }
  return Buffer.from(readFileSync(file, "utf8").trim(), "hex");
}
