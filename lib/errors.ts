import { ZodError } from "zod";
import { findUnsafeText } from "./unsafe-text";
import { log } from "./observability/log";

export type ErrorCode =
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "invalid_input"
  | "connection_failed"
  | "query_failed"
  | "payload_too_large"
  | "unsupported_media_type"
  | "too_many_requests"
  | "internal";

const STATUS: Record<ErrorCode, number> = {
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  invalid_input: 422,
  connection_failed: 422,
  query_failed: 422,
  payload_too_large: 413,
  unsupported_media_type: 415,
  too_many_requests: 429,
  internal: 500,
};

export type FieldErrors = Record<string, string[]>;

/** The one error type services throw for expected failures; `message` is safe to show a user. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fieldErrors?: FieldErrors,
    /** The underlying system's own words (a driver's message), shown alongside `message`. */
    readonly detail?: string,
  ) {
    super(message);
    this.name = "AppError";
  }

  get status(): number {
    return STATUS[this.code];
  }
}

export const notFound = (what: string) => new AppError("not_found", `${what} not found.`);

export function fieldErrorsOf(error: ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_";
    (fields[key] ??= []).push(issue.message);
  }
  return fields;
}

/** Parses input with a zod schema, or throws an AppError naming each bad field. */
export function parseInput<T>(schema: { safeParse(input: unknown): { success: true; data: T } | { success: false; error: ZodError } }, input: unknown): T {
  const unsafe = findUnsafeText(input);
  if (unsafe) throw new AppError("invalid_input", "Some fields need attention.", { [unsafe.path]: [`This ${unsafe.problem}.`] });
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new AppError("invalid_input", "Some fields need attention.", fieldErrorsOf(result.error));
}

/** The `{ error: { code, message } }` envelope; unexpected errors are logged, never shown. */
export type ErrorBody = { error: { code: ErrorCode; message: string; fields?: FieldErrors; detail?: string } };

export function toErrorBody(error: unknown): { status: number; body: ErrorBody } {
  if (error instanceof AppError) {
    const { code, message, fieldErrors, detail } = error;
    return { status: error.status, body: { error: { code, message, ...(fieldErrors ? { fields: fieldErrors } : {}), ...(detail ? { detail } : {}) } } };
  }
  log().error({ err: error }, "[tidewater] unexpected error");
  return { status: 500, body: { error: { code: "internal", message: "Something went wrong on our side. The details are in the server log." } } };
}

/** Parses a kind's settings with its schema; field errors are named `config.<field>` for the form. */
export function parseConfig(schema: { safeParse(input: unknown): { success: true; data: unknown } | { success: false; error: ZodError } }, config: unknown, message: string): Record<string, unknown> {
  const result = schema.safeParse(config);
  if (result.success) return result.data as Record<string, unknown>;
  const fields = Object.fromEntries(Object.entries(fieldErrorsOf(result.error)).map(([key, value]) => [`config.${key}`, value]));
  throw new AppError("invalid_input", message, fields);
}
