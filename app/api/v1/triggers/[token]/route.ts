import { withTriggerToken } from "@/lib/api/with-trigger-token";
import { OPS } from "@/lib/openapi/operations";
import { startTriggeredRun } from "@/lib/triggers/start-triggered-run";

// Any orchestrator (Airflow, Dagster, a cron job, curl): the secret URL runs the sync; the body is not read.
export const POST = withTriggerToken(({ sync }) => startTriggeredRun(sync, { name: "Trigger URL" }), OPS.postTriggersByToken);
