// The YAML files of config as code (`tidewater export|validate|plan|apply`), built from the API's own
// zod schemas so a field the API gains (a schedule kind, a sync type) is a field of the files too.
// Objects refer to each other by key, never by id; secret settings are `${ENV_VAR}` references.
import { z } from "zod";
import { ZCreateDestinationSchema } from "../destinations/schemas";
import { ZCreateDatabaseSchema, ZCreateSourceSchema } from "../sources/schemas";
import { ZCreateSyncSchema } from "../syncs/schemas";
import { ZKeySchema } from "./key";

/**
 * The sync fields that name other objects by id in the API, and the file field naming them by key.
 * A new reference is one line here; absent API fields are skipped (a schedule's sync: SCHEDULE_REFERENCE).
 */
export const SYNC_REFERENCES = [
  { apiField: "sourceId", fileField: "source", kind: "source", many: false },
  { apiField: "databaseId", fileField: "database", kind: "database", many: false },
  { apiField: "destinationIds", fileField: "destinations", kind: "destination", many: true },
] as const;

/** A schedule that names another sync (kind "after") does so by `syncId` in the API and by `sync`, its key, in files. */
export const SCHEDULE_REFERENCE = { apiField: "syncId", fileField: "sync" } as const;

type TScheduleOption = z.ZodObject<Record<string, z.ZodType>>;
/** The schema inside .optional() / .nullable() / .default() wrappers. */
function unwrapped(schema: z.ZodType | undefined): z.ZodType | undefined {
  let current = schema;
  for (let inner = innerOf(current); inner; inner = innerOf(current)) current = inner;
  return current;
}
const innerOf = (schema: z.ZodType | undefined) => (schema as unknown as { _zod?: { def: { innerType?: z.ZodType } } } | undefined)?._zod?.def.innerType;

const apiSchedule = unwrapped((ZCreateSyncSchema.shape as Record<string, z.ZodType>).schedule) as unknown as { options: TScheduleOption[] } | undefined;

/** The API's schedule with each reference by key: every schedule kind the API has is a kind of the files. */
const ZScheduleFileSchema = apiSchedule
  ? z.discriminatedUnion(
      "kind",
      apiSchedule.options.map((option) =>
        SCHEDULE_REFERENCE.apiField in option.shape
          ? option.omit({ [SCHEDULE_REFERENCE.apiField]: true }).extend({ [SCHEDULE_REFERENCE.fileField]: ZKeySchema.describe("The sync this one runs after, by key") })
          : option,
      ) as unknown as [TScheduleOption, ...TScheduleOption[]],
    ).optional()
  : undefined;

/** A schedule with its reference renamed (`syncId` ↔ `sync`) and mapped (id ↔ key). */
export function mapScheduleReference(schedule: unknown, from: string, to: string, map: (value: string) => string | undefined): unknown {
  if (!schedule || typeof schedule !== "object" || !(from in schedule)) return schedule;
  const { [from]: value, ...rest } = schedule as Record<string, unknown>;
  return { ...rest, [to]: map(String(value)) };
}

/** API fields the files leave out: the query has its own .sql file; startAt is when a run was first due. */
const SYNC_API_ONLY = ["key", "query", "startAt"];

const apiSyncShape = ZCreateSyncSchema.shape as Record<string, z.ZodType>;

/** The sync fields a file holds as the API takes them (name, type, schedule, change tracking…). */
export const SYNC_PLAIN_FIELDS = Object.keys(apiSyncShape).filter(
  (field) => !SYNC_API_ONLY.includes(field) && !SYNC_REFERENCES.some((reference) => reference.apiField === field),
);

const references = Object.fromEntries(
  SYNC_REFERENCES.filter((reference) => reference.apiField in apiSyncShape).map((reference) => {
    const schema = reference.many ? z.array(ZKeySchema).min(1, "Name at least one destination by its key") : ZKeySchema;
    const optional = apiSyncShape[reference.apiField].safeParse(undefined).success;
    return [reference.fileField, (optional ? schema.nullable().optional() : schema).describe(`The ${reference.kind}${reference.many ? "s" : ""}, by key`)];
  }),
);

const fileKey = ZKeySchema.optional().describe("The stable name this object is matched by on every instance; defaults to the file's name");

export const ZSyncFileSchema = z
  .object({
    key: fileKey,
    ...Object.fromEntries(SYNC_PLAIN_FIELDS.map((field) => [field, field === "schedule" && ZScheduleFileSchema ? ZScheduleFileSchema : apiSyncShape[field]])),
    ...references,
    queryFile: z.string().min(1).optional().describe("The .sql file that holds the query, next to this file (export writes <key>.sql)"),
    query: apiSyncShape.query.optional().describe("The query itself, instead of queryFile"),
  })
  .strict()
  .refine((sync) => (sync.queryFile === undefined) !== (sync.query === undefined), { message: "Give the query as queryFile (a .sql file) or as query, not both", path: ["queryFile"] });
export type TSyncFile = z.infer<typeof ZSyncFileSchema> & Record<string, unknown>;

export const ZDatabaseFileSchema = z
  .object({
    key: ZKeySchema.describe("Unique within the source"),
    name: ZCreateDatabaseSchema.shape.name,
    config: ZCreateDatabaseSchema.shape.config.describe("The connection settings of the source's kind; secret settings as ${ENV_VAR} references"),
  })
  .strict();
export type TDatabaseFile = z.infer<typeof ZDatabaseFileSchema>;

export const ZSourceFileSchema = z
  .object({
    key: fileKey,
    name: ZCreateSourceSchema.shape.name,
    kind: ZCreateSourceSchema.shape.kind,
    databases: z.array(ZDatabaseFileSchema).default([]),
  })
  .strict();
export type TSourceFile = z.infer<typeof ZSourceFileSchema>;

export const ZDestinationFileSchema = z
  .object({
    key: fileKey,
    name: ZCreateDestinationSchema.shape.name,
    kind: ZCreateDestinationSchema.shape.kind,
    config: ZCreateDestinationSchema.shape.config.describe("The destination kind's settings; secret settings as ${ENV_VAR} references"),
  })
  .strict();
export type TDestinationFile = z.infer<typeof ZDestinationFileSchema>;

/** Where each kind of object lives in a config directory: <dir>/<folder>/<key>.yaml. */
export const FILE_KINDS = {
  source: { folder: "sources", schema: ZSourceFileSchema },
  destination: { folder: "destinations", schema: ZDestinationFileSchema },
  sync: { folder: "syncs", schema: ZSyncFileSchema },
} as const;
export type TFileKind = keyof typeof FILE_KINDS;
