import type { Call } from "./call-types";

const present = (value: unknown) => value !== undefined && value !== null && value !== "";

/** The fields each call type needs, per the Data Pipelines spec; returns the reason a call is refused. */
export function missingRequiredFields(call: Call): string | null {
  const who = present(call.userId) || present(call.anonymousId);
  switch (call.type) {
    case "identify":
      return who ? null : "An identify call needs a userId or an anonymousId column value.";
    case "track":
      if (!present(call.event)) return "A track call needs an event column value (the event name).";
      return who ? null : "A track call needs a userId or an anonymousId column value.";
    case "group":
      return present(call.groupId) ? null : "A group call needs a groupId column value.";
    case "page":
    case "screen":
      if (!present(call.name)) return `A ${call.type} call needs a name column value (the ${call.type} name).`;
      return who ? null : `A ${call.type} call needs a userId or an anonymousId column value.`;
    case "alias":
      if (!present(call.previousId)) return "An alias call needs a previousId column value.";
      return present(call.userId) ? null : "An alias call needs a userId column value.";
  }
}
