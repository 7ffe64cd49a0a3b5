import { describe, expect, it } from "vitest";
import { CALL_TYPES, ZCallTypeSchema } from "./call-types";
import { callTypeOfJson, SYNC_TYPES, ZSyncTypeSchema } from "./sync-types";

describe("sync types and call types", () => {
  it("a sync may be mixed; a call never is", () => {
    expect(SYNC_TYPES).toEqual([...CALL_TYPES, "mixed"]);
    expect(ZSyncTypeSchema.safeParse("mixed").success).toBe(true);
    expect(ZCallTypeSchema.safeParse("mixed").success).toBe(false);
    expect(ZSyncTypeSchema.safeParse("everything").error?.issues[0].message).toBe("Pick a type: identify, track, group, page, screen, alias or mixed");
  });

  it("reads a call's type from its JSON's first member, else from the whole call", () => {
    expect(callTypeOfJson('{"type":"group","groupId":"g","messageId":"m"}')).toBe("group");
    expect(callTypeOfJson('{"messageId":"m","type":"alias"}')).toBe("alias");
    expect(() => callTypeOfJson('{"type":"mixed"}')).toThrow();
  });
});
