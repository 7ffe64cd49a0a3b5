import type { Call, TCallType } from "./call-types";

const present = (value: unknown) => value !== undefined && value !== null && value !== "";

/** The fields each call type needs, per the Data Pipelines spec; returns the reason a call is refused. */
export function missingRequiredFields(call: Call): string | null {
  const who = present(call.userId) || present(call.anonymousId);
  const checks: Record<TCallType, () => string | null> = {
    identify: () => (who ? null : "An identify call needs a userId or an anonymousId column value."),
    track: () =>
      !present(call.event)
        ? "A track call needs an event column value (the event name)."
        : who
          ? null
          : "A track call needs a userId or an anonymousId column value.",
    group: () => (present(call.groupId) ? null : "A group call needs a groupId column value."),
    page: () =>
      !present(call.name)
        ? "A page call needs a name column value (the page name)."
        : who
          ? null
          : "A page call needs a userId or an anonymousId column value.",
    screen: () =>
      !present(call.name)
        ? "A screen call needs a name column value (the screen name)."
        : who
          ? null
          : "A screen call needs a userId or an anonymousId column value.",
    alias: () =>
      !present(call.previousId)
        ? "An alias call needs a previousId column value."
        : present(call.userId)
          ? null
          : "An alias call needs a userId column value.",
  };
  return checks[call.type]();
}
