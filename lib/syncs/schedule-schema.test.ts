import { describe, expect, it } from "vitest";
import { fieldErrorsOf } from "../errors";
import { ZCreateSyncSchema, ZScheduleSchema, ZUpdateSyncSchema } from "./schemas";

const errorsOf = (input: unknown) => {
  const result = ZScheduleSchema.safeParse(input);
  return result.success ? {} : fieldErrorsOf(result.error);
};

describe("ZScheduleSchema", () => {
  it("takes the four kinds; a cron schedule's time zone defaults to UTC", () => {
    expect(ZScheduleSchema.parse({ kind: "interval", frequencyMinutes: "15" })).toEqual({ kind: "interval", frequencyMinutes: 15 });
    expect(ZScheduleSchema.parse({ kind: "cron", expression: " 30 2 * * * " })).toEqual({ kind: "cron", expression: "30 2 * * *", timeZone: "UTC" });
    expect(ZScheduleSchema.parse({ kind: "manual" })).toEqual({ kind: "manual" });
    expect(ZScheduleSchema.parse({ kind: "after", syncId: "abc" })).toEqual({ kind: "after", syncId: "abc" });
  });

  it("names the field that is wrong: a bad expression, an unknown time zone, a missing sync", () => {
    expect(errorsOf({ kind: "cron", expression: "61 * * * *", timeZone: "Mars/Olympus" })).toEqual({
      expression: [expect.stringMatching(/^Not a cron expression .*minute: 61/)],
      timeZone: ["Unknown time zone; use an IANA name such as Europe/Berlin or America/New_York"],
    });
    expect(errorsOf({ kind: "cron", expression: "" })).toEqual({ expression: ["Enter a cron expression, e.g. 30 2 * * * for 02:30 every day"] });
    expect(errorsOf({ kind: "after", syncId: "" })).toEqual({ syncId: ["Pick the sync this one runs after"] });
    expect(errorsOf({ kind: "interval", frequencyMinutes: 0 })).toEqual({ frequencyMinutes: ["The shortest frequency is 1 minute"] });
  });
});

describe("a sync's schedule, before and after schedules existed", () => {
  const sync = { sourceId: "s", databaseId: "d", name: "n", type: "identify", query: "SELECT 1", destinationIds: ["x"] };

  it("still takes frequencyMinutes alone, or a schedule alone, but not neither", () => {
    expect(ZCreateSyncSchema.parse({ ...sync, frequencyMinutes: 60 }).frequencyMinutes).toBe(60);
    expect(ZCreateSyncSchema.parse({ ...sync, schedule: { kind: "manual" } }).schedule).toEqual({ kind: "manual" });
    const result = ZCreateSyncSchema.safeParse(sync);
    expect(result.success ? {} : fieldErrorsOf(result.error)).toEqual({ frequencyMinutes: ["Choose how often the sync runs"] });
  });

  it("an update names nested schedule fields by their dotted path", () => {
    const result = ZUpdateSyncSchema.safeParse({ schedule: { kind: "cron", expression: "nope" } });
    expect(result.success ? {} : Object.keys(fieldErrorsOf(result.error))).toEqual(["schedule.expression"]);
  });
});
