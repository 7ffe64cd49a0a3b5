import { withAuth } from "@/lib/api/with-auth";
import { OPS } from "@/lib/openapi/operations";
import { previewSchedule } from "@/lib/syncs/preview-schedule";

// GET /api/v1/schedules/preview?cron=30+2+*+*+*&timeZone=Europe/Berlin — the next run times of a cron schedule
export const GET = withAuth(async ({ query }) => previewSchedule(query), OPS.getSchedulesPreview);
