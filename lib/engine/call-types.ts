import { z } from "zod";

export const CALL_TYPES = ["identify", "track", "group", "page", "screen", "alias"] as const;
export const ZCallTypeSchema = z.enum(CALL_TYPES);
export type TCallType = z.infer<typeof ZCallTypeSchema>;

/** Where a call type puts columns that are not reserved fields. */
export const PAYLOAD_KEY: Record<TCallType, "traits" | "properties" | null> = {
  identify: "traits",
  group: "traits",
  track: "properties",
  page: "properties",
  screen: "properties",
  alias: null,
};

// The common fields of the Data Pipelines spec, which every call keeps at the top level.
const COMMON_FIELDS = ["userId", "anonymousId", "integrations", "messageId", "timestamp", "context"];

/**
 * Columns that stay at the top level of each call type; their children are reserved too
 * (`context.ip`). Per type, as the docs list them: a group's `name` is a trait (the company's name),
 * while a page's `name` is the page.
 */
export const RESERVED_FIELDS: Record<TCallType, ReadonlySet<string>> = {
  identify: new Set([...COMMON_FIELDS, "groupId"]),
  group: new Set([...COMMON_FIELDS, "groupId", "objectTypeId"]),
  track: new Set([...COMMON_FIELDS, "event"]),
  page: new Set([...COMMON_FIELDS, "event", "name"]),
  screen: new Set([...COMMON_FIELDS, "event", "name"]),
  alias: new Set([...COMMON_FIELDS, "previousId"]),
};

/** One line for the sync wizard, in the words of the product docs. */
export const CALL_TYPE_INFO: Record<TCallType, { summary: string; required: string }> = {
  identify: {
    summary: "Tells us who someone is and assigns traits to that person.",
    required: "userId or anonymousId",
  },
  track: {
    summary: "Records things people do: every row is an event.",
    required: "event, and userId or anonymousId",
  },
  group: {
    summary: "Represents an organization or other group and relates people to it.",
    required: "groupId",
  },
  page: {
    summary: "Records the web pages people visit.",
    required: "name, and userId or anonymousId",
  },
  screen: {
    summary: "Records the screens people view in a mobile app.",
    required: "name, and userId or anonymousId",
  },
  alias: {
    summary: "Combines two previously unassociated user identities.",
    required: "previousId and userId",
  },
};

export type Call = {
  type: TCallType;
  messageId: string;
  userId?: string;
  anonymousId?: string;
  groupId?: string;
  event?: string;
  name?: string;
  previousId?: string;
  objectTypeId?: string;
  timestamp?: string;
  context?: Record<string, unknown>;
  integrations?: Record<string, unknown>;
  traits?: Record<string, unknown>;
  properties?: Record<string, unknown>;
};
