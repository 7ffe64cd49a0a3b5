import { AppError, parseConfig } from "../errors";
import { checkUrl, UnsafeUrlError } from "../http/url-guard";
import { destinationPolicy } from "../settings/settings";
import type { DestinationSpec } from "./types";

// Config fields that hold a URL Tidewater will send to.
const URL_FIELDS = ["url", "endpoint"];

/** A destination's settings, checked against its schema, with every URL allowed by the address policy. */
export async function verifyDestinationConfig(spec: DestinationSpec, config: Record<string, unknown>): Promise<Record<string, unknown>> {
  const full = parseConfig(spec.configSchema, config, "Some destination settings need attention.");
  const policy = await destinationPolicy();
  for (const field of URL_FIELDS) {
    if (typeof full[field] !== "string") continue;
    try {
      checkUrl(full[field], policy);
    } catch (error) {
      if (error instanceof UnsafeUrlError) throw new AppError("invalid_input", error.message, { [`config.${field}`]: [error.message] });
      throw error;
    }
  }
  return full;
}
