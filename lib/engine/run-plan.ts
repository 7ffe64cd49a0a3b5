// What a run needs of its sync, read from the app database in one query and checked with zod: the
// engine works from this plan, never from stored strings cast to the types it expects.
import { z } from "zod";
import { ZSourceKindSchema, type TSourceKind } from "../connectors/registry";
import type { Db } from "../db";
import { ZDestinationKindSchema, type TDestinationKind } from "../destinations/registry";
import { ZDeliveryTuningSchema } from "../destinations/types";
import { openConfig } from "../secret-config";
import { DELETED_ROWS_ACTIONS } from "./change-tracking/deleted-rows-action";
import type { ChangeTrackingInput } from "./stages/diff";
import { ZSyncTypeSchema, type TSyncType } from "./sync-types";

/** The sync's stored settings cannot make a run; the message says which and why. */
export class RunPlanError extends Error {}

export type TRunDestination = {
  id: string;
  name: string;
  kind: TDestinationKind;
  config: Record<string, unknown>;
  /** The destination's own tuning, or null where it keeps its kind's default. */
  concurrency: number | null;
  rateLimitPerSecond: number | null;
};

export type TRunPlan = {
  syncId: string;
  type: TSyncType;
  query: string;
  source: { kind: TSourceKind; config: Record<string, unknown> };
  destinations: TRunDestination[];
  changeTracking: ChangeTrackingInput | null;
  /** Runs that send a refused row again before it is given up (0: never). */
  retryLimit: number;
};

const ZConfigSchema = z.record(z.string(), z.unknown());

const ZStoredSecretsSchema = z.object({ configJson: z.string(), secretsEncrypted: z.string().nullable() });

/** `changeTrackingColumns`: a JSON array of identifier column names. */
const ZIdColumnsSchema = z
  .string()
  .transform((text, context) => {
    try {
      const value: unknown = JSON.parse(text);
      return value;
    } catch {
      context.addIssue({ code: "custom", message: "is not JSON" });
      return z.NEVER;
    }
  })
  .pipe(z.array(z.string().min(1)).min(1));

const ZStoredSyncSchema = z.object({
  id: z.string(),
  type: ZSyncTypeSchema,
  query: z.string(),
  changeTrackingColumns: ZIdColumnsSchema.nullable(),
  deletedRowsAction: z.enum(DELETED_ROWS_ACTIONS),
  deletedRowsEvent: z.string().nullable(),
  retryLimit: z.number().int().min(0),
  source: z.object({ kind: ZSourceKindSchema }),
  database: ZStoredSecretsSchema,
  destinations: z
    .array(z.object({ destination: ZStoredSecretsSchema.extend({ id: z.string(), name: z.string(), kind: ZDestinationKindSchema }) }))
    .min(1, "This sync has no destination: pick at least one."),
});

/** Reads the sync with its source, database and destinations, and checks every field a run uses. */
export async function loadRunPlan(database: Db, syncId: string): Promise<TRunPlan> {
  const row = await database.sync.findUnique({
    where: { id: syncId },
    include: { source: true, database: true, destinations: { include: { destination: true } } },
  });
  if (!row) throw new RunPlanError("This sync no longer exists.");
  const parsed = ZStoredSyncSchema.safeParse(row);
  if (!parsed.success) {
    const noDestination = parsed.error.issues.find((issue) => issue.path.join(".") === "destinations" && issue.code === "too_small");
    if (noDestination) throw new RunPlanError(noDestination.message);
    throw new RunPlanError(`This sync's stored settings are not valid (${describeIssues(parsed.error)}); save the sync again to fix them.`);
  }
  const sync = parsed.data;
  return {
    syncId: sync.id,
    type: sync.type,
    query: sync.query,
    source: { kind: sync.source.kind, config: storedConfig(sync.database, "the database's connection settings") },
    destinations: sync.destinations.map(({ destination }) => {
      const config = storedConfig(destination, `the settings of destination "${destination.name}"`);
      const tuning = ZDeliveryTuningSchema.safeParse(config);
      if (!tuning.success) throw new RunPlanError(`The settings of destination "${destination.name}" are not valid (${describeIssues(tuning.error)}); save the destination again to fix them.`);
      return {
        id: destination.id,
        name: destination.name,
        kind: destination.kind,
        config,
        concurrency: tuning.data.concurrency ?? null,
        rateLimitPerSecond: tuning.data.rateLimitPerSecond ?? null,
      };
    }),
    retryLimit: sync.retryLimit,
    changeTracking: sync.changeTrackingColumns
      ? { idColumns: sync.changeTrackingColumns, onDeleted: sync.deletedRowsAction, ...(sync.deletedRowsEvent ? { deletedEvent: sync.deletedRowsEvent } : {}) }
      : null,
  };
}

function storedConfig(row: z.infer<typeof ZStoredSecretsSchema>, what: string): Record<string, unknown> {
  let opened: unknown;
  try {
    opened = openConfig(row);
  } catch (error) {
    throw new RunPlanError(`Tidewater could not read ${what}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const config = ZConfigSchema.safeParse(opened);
  if (!config.success) throw new RunPlanError(`Tidewater could not read ${what}: they are not an object.`);
  return config.data;
}

function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join(".") || "value"}: ${issue.message}`).join("; ");
}
