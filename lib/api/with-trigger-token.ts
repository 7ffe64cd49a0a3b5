// The wrapper of the public trigger routes (/api/v1/triggers/{token}…): no API token, the secret in
// the path is the credential. Rate limited per client address and per trigger URL; an unknown secret
// gets the same 404 whatever it is; the secret never reaches the request log.
import { NextResponse } from "next/server";
import { AppError } from "../errors";
import { withRequestLog } from "../observability/request-log";
import type { Operation } from "../openapi/operations";
import { consumeTriggerAddressAttempt, consumeTriggerUrlAttempt } from "../triggers/trigger-limits";
import { findSyncByTriggerToken, type TTriggerSync } from "../triggers/trigger-token";
import { errorResponse } from "./with-auth";

type Context = { sync: TTriggerSync; request: Request };

export const UNKNOWN_TRIGGER = "No trigger URL has this secret: it may have been rotated or revoked.";

export function withTriggerToken(handler: (context: Context) => Promise<Response | unknown>, operation: Operation) {
  const loggedPath = operation.path.replace("{token}", "…");
  return (request: Request, route: { params: Promise<Record<string, string>> }) =>
    withRequestLog(
      request,
      async () => {
        try {
          await consumeTriggerAddressAttempt(request.headers);
          const { token = "" } = await route.params;
          const sync = await findSyncByTriggerToken(token);
          if (!sync) throw new AppError("not_found", UNKNOWN_TRIGGER);
          await consumeTriggerUrlAttempt(token);
          const result = await handler({ sync, request });
          return result instanceof Response ? result : NextResponse.json(result, { status: operation.success.status });
        } catch (error) {
          return errorResponse(error);
        }
      },
      `/api/v1${loggedPath}`,
    );
}
