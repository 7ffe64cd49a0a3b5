import { describe, expect, it } from "vitest";
import { deriveKey, ZKeySchema } from "./key";
import { secretReference } from "./secrets";

describe("keys", () => {
  it("derives a slug from a name, never one already taken", () => {
    expect(deriveKey("Identify users", new Set())).toBe("identify-users");
    expect(deriveKey("Café — Production DB!", new Set())).toBe("cafe-production-db");
    expect(deriveKey("Identify users", new Set(["identify-users", "identify-users-2"]))).toBe("identify-users-3");
    expect(deriveKey("###", new Set())).toBe("object");
    expect(ZKeySchema.safeParse(deriveKey("x".repeat(200), new Set())).success).toBe(true);
  });

  it("accepts lowercase slugs only", () => {
    for (const key of ["warehouse", "daily-users", "a1"]) expect(ZKeySchema.safeParse(key).success).toBe(true);
    for (const key of ["Warehouse", "daily_users", "-a", "a--b", "a b", ""]) expect(ZKeySchema.safeParse(key).success).toBe(false);
  });

  it("names a secret's variable after the object's key", () => {
    expect(secretReference(["source", "warehouse", "analytics"], "password")).toBe("${TIDEWATER_SOURCE_WAREHOUSE_ANALYTICS_PASSWORD}");
    expect(secretReference(["destination", "events-api"], "writeKey")).toBe("${TIDEWATER_DESTINATION_EVENTS_API_WRITE_KEY}");
  });
});
