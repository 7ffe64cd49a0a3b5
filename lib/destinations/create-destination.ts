import { db } from "../db";
import { AppError, fieldErrorsOf, parseInput } from "../errors";
import { checkUrl, UnsafeUrlError } from "../http/url-guard";
import { sealConfig } from "../secret-config";
import { destinationPolicy } from "../settings/settings";
import { destinationFor } from "./registry";
import { ZCreateDestinationSchema } from "./schemas";

export async function createDestination(input: unknown) {
  const { name, kind, config } = parseInput(ZCreateDestinationSchema, input);
  const spec = destinationFor(kind).spec;
  const parsed = spec.configSchema.safeParse(config);
  if (!parsed.success) {
    const fields = Object.fromEntries(Object.entries(fieldErrorsOf(parsed.error)).map(([key, value]) => [`config.${key}`, value]));
    throw new AppError("invalid_input", "Some destination settings need attention.", fields);
  }
  const full = parsed.data as Record<string, unknown>;
  if (typeof full.url === "string") {
    try {
      checkUrl(full.url, await destinationPolicy());
    } catch (error) {
      if (error instanceof UnsafeUrlError) throw new AppError("invalid_input", error.message, { "config.url": [error.message] });
      throw error;
    }
  }
  return db().destination.create({ data: { name, kind, ...sealConfig(full, spec.secretKeys) }, select: { id: true, name: true, kind: true } });
}
