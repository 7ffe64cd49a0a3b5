import { NextResponse } from "next/server";
import { readBodyText } from "@/lib/api/read-json-body";
import { withTriggerToken } from "@/lib/api/with-trigger-token";
import { decryptSecret } from "@/lib/crypto";
import { AppError } from "@/lib/errors";
import { OPS } from "@/lib/openapi/operations";
import { ignoredReason, isSuccessfulJobRun, parseDbtCloudEvent } from "@/lib/triggers/dbt-cloud-event";
import { startTriggeredRun } from "@/lib/triggers/start-triggered-run";
import { dbtSignatureMatches } from "@/lib/triggers/verify-dbt-signature";

// dbt Cloud's job webhook: signed with the sync's dbt Cloud secret; only a successful job run runs the sync.
export const POST = withTriggerToken(async ({ sync, request }) => {
  if (!sync.dbtSecretEncrypted) throw new AppError("unauthorized", "Set the dbt Cloud secret on the sync's Trigger URL panel: without it no signature can be checked.");
  const body = await readBodyText(request);
  if (!dbtSignatureMatches(decryptSecret(sync.dbtSecretEncrypted), body, request.headers.get("authorization"))) {
    throw new AppError("unauthorized", "The authorization header is not the body's signature with this sync's dbt Cloud secret.");
  }
  const event = parseDbtCloudEvent(body);
  if (!event) throw new AppError("invalid_input", "The body is not a dbt Cloud webhook event (JSON with eventType).");
  if (!isSuccessfulJobRun(event)) return NextResponse.json({ status: "ignored", reason: ignoredReason(event) }, { status: 200 });
  const detail = { dbtJobId: event.data?.jobId ?? null, dbtRunId: event.data?.runId ?? null };
  return startTriggeredRun(sync, { name: "dbt Cloud webhook", detail });
}, OPS.postTriggersByTokenDbtCloud);
