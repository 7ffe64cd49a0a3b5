import { describe, expect, it } from "vitest";
import { cronExpressionProblem, isTimeZone, nextCronTimes, nextRunAfter, nextRunFor } from "./schedule";

const at = (iso: string) => new Date(iso);

describe("nextRunAfter", () => {
  it("waits for a start in the future", () => {
    expect(nextRunAfter(at("2026-12-01T00:00:00Z"), 15, at("2026-11-24T10:00:00Z"))).toEqual(at("2026-12-01T00:00:00Z"));
  });

  it("stays on the grid of start + k × frequency", () => {
    expect(nextRunAfter(at("2026-11-24T10:00:00Z"), 15, at("2026-11-24T10:31:00Z"))).toEqual(at("2026-11-24T10:45:00Z"));
    expect(nextRunAfter(at("2026-11-24T10:07:00Z"), 60, at("2026-11-25T09:00:00Z"))).toEqual(at("2026-11-25T09:07:00Z"));
  });

  it("is strictly after now when now is on the grid", () => {
    expect(nextRunAfter(at("2026-11-24T10:00:00Z"), 1, at("2026-11-24T10:05:00Z"))).toEqual(at("2026-11-24T10:06:00Z"));
  });
});

// What a wall clock in `timeZone` reads at `date`, e.g. "2026-03-29 03:30 GMT+2".
const wall = (date: Date, timeZone: string) =>
  new Intl.DateTimeFormat("sv-SE", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", timeZoneName: "shortOffset" }).format(date);

describe("nextCronTimes across a daylight-saving change", () => {
  it("Europe/Berlin in March: the 02:30 that does not exist runs at 03:30 summer time, then 02:30 again", () => {
    const times = nextCronTimes("30 2 * * *", "Europe/Berlin", at("2026-03-27T12:00:00Z"), 4);
    expect(times.map((time) => time.toISOString())).toEqual([
      "2026-03-28T01:30:00.000Z", // 02:30 CET (UTC+1)
      "2026-03-29T01:30:00.000Z", // the switch day: 02:00 jumps to 03:00, so 03:30 CEST
      "2026-03-30T00:30:00.000Z", // 02:30 CEST (UTC+2)
      "2026-03-31T00:30:00.000Z",
    ]);
    expect(wall(times[1], "Europe/Berlin")).toBe("2026-03-29 03:30 GMT+2");
    expect(wall(times[2], "Europe/Berlin")).toBe("2026-03-30 02:30 GMT+2");
  });

  it("Europe/Berlin in October: the 02:30 that happens twice runs once, the first time", () => {
    const times = nextCronTimes("30 2 * * *", "Europe/Berlin", at("2026-10-24T12:00:00Z"), 3);
    expect(times.map((time) => time.toISOString())).toEqual([
      "2026-10-25T00:30:00.000Z", // 02:30 CEST, before the clocks go back at 03:00
      "2026-10-26T01:30:00.000Z", // 02:30 CET (UTC+1)
      "2026-10-27T01:30:00.000Z",
    ]);
    expect(wall(times[1], "Europe/Berlin")).toBe("2026-10-26 02:30 GMT+1");
  });

  it("America/New_York in March and November", () => {
    const spring = nextCronTimes("30 2 * * *", "America/New_York", at("2026-03-07T12:00:00Z"), 3);
    expect(spring.map((time) => time.toISOString())).toEqual([
      "2026-03-08T07:30:00.000Z", // the switch day: no 02:30, so 03:30 EDT
      "2026-03-09T06:30:00.000Z", // 02:30 EDT (UTC−4)
      "2026-03-10T06:30:00.000Z",
    ]);
    expect(wall(spring[0], "America/New_York")).toBe("2026-03-08 03:30 GMT−4");
    const autumn = nextCronTimes("30 2 * * *", "America/New_York", at("2026-10-31T12:00:00Z"), 2);
    expect(autumn.map((time) => time.toISOString())).toEqual([
      "2026-11-01T07:30:00.000Z", // 02:30 EST (UTC−5): the clocks went back at 02:00, so once
      "2026-11-02T07:30:00.000Z",
    ]);
  });

  it("an hourly job runs once in the hour that happens twice", () => {
    const times = nextCronTimes("0 * * * *", "Europe/Berlin", at("2026-10-24T23:30:00Z"), 4);
    expect(times.map((time) => time.toISOString())).toEqual([
      "2026-10-25T00:00:00.000Z", // 02:00 CEST
      "2026-10-25T02:00:00.000Z", // 03:00 CET — 02:00 CET (01:00Z) is the same hour again
      "2026-10-25T03:00:00.000Z",
      "2026-10-25T04:00:00.000Z",
    ]);
  });

  it("a UTC schedule is unmoved by either", () => {
    const times = nextCronTimes("30 2 * * *", "UTC", at("2026-03-28T12:00:00Z"), 2);
    expect(times.map((time) => time.toISOString())).toEqual(["2026-03-29T02:30:00.000Z", "2026-03-30T02:30:00.000Z"]);
  });
});

describe("nextRunFor", () => {
  const base = { frequencyMinutes: 15, startAt: at("2026-01-01T00:00:00Z"), cronExpression: null, timeZone: "UTC" };

  it("follows the interval grid, or the cron times in the time zone", () => {
    expect(nextRunFor({ ...base, scheduleKind: "interval" }, at("2026-03-29T00:20:00Z"))).toEqual(at("2026-03-29T00:30:00Z"));
    const cron = { ...base, scheduleKind: "cron", cronExpression: "30 2 * * *", timeZone: "Europe/Berlin" };
    expect(nextRunFor(cron, at("2026-03-28T12:00:00Z"))).toEqual(at("2026-03-29T01:30:00Z"));
  });

  it("waits for the start: the first cron time not before it (the start itself counts)", () => {
    const cron = { ...base, scheduleKind: "cron", cronExpression: "0 9 * * *", startAt: at("2026-06-10T09:00:00Z") };
    expect(nextRunFor(cron, at("2026-06-01T00:00:00Z"))).toEqual(at("2026-06-10T09:00:00Z"));
  });

  it("never comes due for a manual sync or one that runs after another", () => {
    expect(nextRunFor({ ...base, scheduleKind: "manual" }, at("2026-03-29T00:20:00Z"))).toBeNull();
    expect(nextRunFor({ ...base, scheduleKind: "after" }, at("2026-03-29T00:20:00Z"))).toBeNull();
  });
});

describe("cronExpressionProblem and isTimeZone", () => {
  it("accepts five fields and nicknames, refuses the rest with a reason", () => {
    expect(cronExpressionProblem("30 2 * * *")).toBeNull();
    expect(cronExpressionProblem("@daily")).toBeNull();
    expect(cronExpressionProblem("61 * * * *")).toMatch(/^Not a cron expression .*minute: 61/);
    expect(cronExpressionProblem("* * * *")).toMatch(/^Not a cron expression/);
    expect(cronExpressionProblem("0 0 0 * * *")).toMatch(/^Not a cron expression/); // seconds are not offered
    expect(cronExpressionProblem("0 0 30 2 *")).toBe("This cron expression never runs; check the day and month.");
  });

  it("knows IANA time zones", () => {
    expect(isTimeZone("Europe/Berlin")).toBe(true);
    expect(isTimeZone("UTC")).toBe(true);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
    expect(isTimeZone("")).toBe(false);
  });
});
