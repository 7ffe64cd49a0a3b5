// The response shapes of /api/v1 by the component name the operations refer to (./operations.ts).
import { z } from "zod";
import * as R from "./responses";
import * as A from "../alerts/responses";
import { ZDryRunLineSchema } from "../engine/dry-run-events";
import * as T from "../triggers/responses";

/** Response shapes, by the component name the operations refer to. */
export const COMPONENTS = {
  Error: R.ZErrorResponseSchema,
  Source: R.ZSourceResponseSchema,
  SourceList: R.ZSourceListResponseSchema,
  SourceDetail: R.ZSourceDetailResponseSchema,
  Database: R.ZDatabaseResponseSchema,
  DatabaseChange: R.ZDatabaseChangeResponseSchema,
  DestinationChange: R.ZDestinationChangeResponseSchema,
  Destination: R.ZDestinationResponseSchema,
  DestinationList: R.ZDestinationListResponseSchema,
  Preview: R.ZPreviewResponseSchema,
  Sync: R.ZSyncResponseSchema,
  SchedulePreview: R.ZSchedulePreviewResponseSchema,
  RunStarted: R.ZRunStartedResponseSchema,
  Run: R.ZRunResponseSchema,
  RunCalls: R.ZRunCallsResponseSchema,
  DryRunLine: ZDryRunLineSchema,
  ApiToken: R.ZApiTokenResponseSchema,
  ApiTokenList: R.ZApiTokenListResponseSchema,
  CreatedApiToken: R.ZCreatedApiTokenResponseSchema,
  SyncPage: R.ZSyncPageResponseSchema,
  RunPage: R.ZRunPageResponseSchema,
  DestinationDetail: R.ZDestinationDetailResponseSchema,
  User: R.ZUserResponseSchema,
  UserList: R.ZUserListResponseSchema,
  Invite: R.ZInviteResponseSchema,
  InviteList: R.ZInviteListResponseSchema,
  CreatedInvite: R.ZCreatedInviteResponseSchema,
  // Alerts
  WorkspaceAlerts: A.ZWorkspaceAlertsResponseSchema,
  SyncAlertRules: A.ZSyncAlertRulesResponseSchema,
  AlertChannel: A.ZAlertChannelResponseSchema,
  AlertChannelList: A.ZAlertChannelListResponseSchema,
  AlertTest: A.ZAlertTestResponseSchema,
  AlertEventList: A.ZAlertEventListResponseSchema,
  AuditEventList: R.ZAuditEventListResponseSchema,
  // Triggers
  SyncTrigger: T.ZSyncTriggerResponseSchema,
  CreatedSyncTrigger: T.ZCreatedSyncTriggerResponseSchema,
  TriggeredRun: T.ZTriggeredRunResponseSchema,
  IgnoredTrigger: T.ZIgnoredTriggerResponseSchema,
} satisfies Record<string, z.ZodType>;

export type TComponent = keyof typeof COMPONENTS;

/** A JSON response body of a component shape. */
