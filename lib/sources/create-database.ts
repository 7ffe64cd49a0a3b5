import { connectorSpec, loadConnector, type TSourceKind } from "../connectors/registry";
import { db } from "../db";
import { AppError, fieldErrorsOf, notFound, parseInput } from "../errors";
import { sealConfig } from "../secret-config";
import { ZCreateDatabaseSchema } from "./schemas";

/** "Save database": validates the settings, tests the connection, and only then stores them. */
export async function createDatabase(sourceId: string, input: unknown) {
  const { name, config } = parseInput(ZCreateDatabaseSchema, input);
  const source = await db().source.findUnique({ where: { id: sourceId } });
  if (!source) throw notFound("Source");
  const spec = connectorSpec(source.kind as TSourceKind);
  const parsed = spec.configSchema.safeParse(config);
  if (!parsed.success) {
    const fields = Object.fromEntries(Object.entries(fieldErrorsOf(parsed.error)).map(([key, value]) => [`config.${key}`, value]));
    throw new AppError("invalid_input", "Some connection settings need attention.", fields);
  }
  const full = parsed.data as Record<string, unknown>;
  const connector = await loadConnector(source.kind as TSourceKind);
  const check = await connector.check(full);
  if (!check.ok) throw new AppError("connection_failed", `Could not connect: ${check.message}`);
  const sealed = sealConfig(full, spec.secretKeys);
  return db().database.create({ data: { sourceId, name, ...sealed }, select: { id: true, name: true } });
}
