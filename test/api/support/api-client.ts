import { expect } from "vitest";
import * as R from "../../../lib/openapi/responses";
import type { AppServer } from "./app-server";

export type ApiReply = { status: number; body: any; text: string };

/** One call of the app's /api/v1 with its API token: a JSON body in, the reply's status, text and JSON out. */
export async function callApi(app: AppServer, method: string, route: string, body?: unknown): Promise<ApiReply> {
  const response = await fetch(`${app.url}/api/v1${route}`, {
    method,
    headers: { authorization: `Bearer ${app.token}`, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, text, body: text ? JSON.parse(text) : undefined };
}

/** The reply is the error envelope with this status and code. */
export function expectApiError(reply: ApiReply, status: number, code: string) {
  expect(reply.status, reply.text).toBe(status);
  expect(R.ZErrorResponseSchema.parse(reply.body).error.code).toBe(code);
}
