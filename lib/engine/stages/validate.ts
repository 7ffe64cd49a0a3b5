// The engine's validate stage: the fields each call type needs. The map stage asks it of every row
// (through the compiled mapper or mapRow); a call that lacks one becomes a row error.
import type { Call, TCallType } from "../call-types";

const present = (value: unknown) => value !== undefined && value !== null && value !== "";

export type RequiredField = "userId" | "anonymousId" | "groupId" | "event" | "name" | "previousId";

/** The fields each call type needs, per the Data Pipelines spec; returns the reason a call is refused. */
export function missingRequiredFields(call: Call): string | null {
  return missingRequired(call.type, (field) => present(call[field]));
}

/** As missingRequiredFields, for a call known only by which fields it has (a non-empty value). */
export function missingRequired(type: TCallType, has: (field: RequiredField) => boolean): string | null {
  const who = has("userId") || has("anonymousId");
  switch (type) {
    case "identify":
      return who ? null : "An identify call needs a userId or an anonymousId column value.";
    case "track":
      if (!has("event")) return "A track call needs an event column value (the event name).";
      return who ? null : "A track call needs a userId or an anonymousId column value.";
    case "group":
      return has("groupId") ? null : "A group call needs a groupId column value.";
    case "page":
    case "screen":
      if (!has("name")) return `A ${type} call needs a name column value (the ${type} name).`;
      return who ? null : `A ${type} call needs a userId or an anonymousId column value.`;
    case "alias":
      if (!has("previousId")) return "An alias call needs a previousId column value.";
      return has("userId") ? null : "An alias call needs a userId column value.";
  }
}
