import { db } from "../db";
import { AppError, fieldErrorsOf, notFound, parseInput } from "../errors";
import { allowPrivateDestinations } from "../env";
import { checkUrl, UnsafeUrlError } from "../http/url-guard";
import { openConfig, sealConfig } from "../secret-config";
import { destinationFor, type TDestinationKind } from "./registry";
import { ZUpdateDestinationSchema } from "./schemas";

/** Saves a destination's name and settings; a secret left empty keeps its stored value. */
export async function updateDestination(id: string, input: unknown) {
  const { name, config } = parseInput(ZUpdateDestinationSchema, input);
  const row = await db().destination.findUnique({ where: { id } });
  if (!row) throw notFound("Destination");
  const spec = destinationFor(row.kind as TDestinationKind).spec;
  const stored = openConfig(row);
  const merged: Record<string, unknown> = { ...stored, ...config };
  for (const key of spec.secretKeys) {
    const value = config[key];
    if (value === undefined || value === "") merged[key] = stored[key];
  }
  const parsed = spec.configSchema.safeParse(merged);
  if (!parsed.success) {
    const fields = Object.fromEntries(Object.entries(fieldErrorsOf(parsed.error)).map(([key, value]) => [`config.${key}`, value]));
    throw new AppError("invalid_input", "Some destination settings need attention.", fields);
  }
  const full = parsed.data as Record<string, unknown>;
  if (typeof full.url === "string") {
    try {
      checkUrl(full.url, { allowPrivate: allowPrivateDestinations() });
    } catch (error) {
      if (error instanceof UnsafeUrlError) throw new AppError("invalid_input", error.message, { "config.url": [error.message] });
      throw error;
    }
  }
  return db().destination.update({
    where: { id },
    data: { ...(name ? { name } : {}), ...sealConfig(full, spec.secretKeys) },
    select: { id: true, name: true, kind: true },
  });
}
