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

/** Top-level fields of the Segment / Customer.io Data Pipelines spec; their children are reserved too. */
export const RESERVED_FIELDS = new Set([
  "userId",
  "anonymousId",
  "groupId",
  "event",
  "name",
  "previousId",
  "integrations",
  "messageId",
  "timestamp",
  "context",
  "objectTypeId",
]);

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
