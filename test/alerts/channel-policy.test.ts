// Alert channel URLs go through the destination address policy: loopback refused until an admin allows it.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";

const SECRET = "alert-signing-secret-0123456789";

beforeAll(async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "tidewater-alert-policy-"));
  process.env.TIDEWATER_DATA_DIR = dir;
  process.env.DATABASE_URL = `file:${path.join(dir, "app.db")}`;
  process.env.TIDEWATER_SECRET_KEY = "22".repeat(32);
  delete process.env.TIDEWATER_ALLOW_PRIVATE_DESTINATIONS;
  const { migrate } = await import("../../lib/migrate");
  await migrate(process.env.DATABASE_URL);
});

describe("alert channel URLs", () => {
  it("refuse loopback and private addresses with the message pointing at Settings, until an admin allows them", async () => {
    const { createAlertChannel, updateAlertChannel } = await import("../../lib/alerts/alert-channels");
    for (const url of ["http://127.0.0.1:9/x", "http://10.1.2.3/x", "http://[::1]:9/x"]) {
      await expect(createAlertChannel({ name: "Local", config: { kind: "webhook", url, signingSecret: SECRET } })).rejects.toMatchObject({
        code: "invalid_input",
        message: expect.stringContaining("Settings → Private destinations"),
        fieldErrors: { "config.url": [expect.stringMatching(/loopback|private/)] },
      });
    }
    await expect(createAlertChannel({ name: "Slack", config: { kind: "slack", url: "http://127.0.0.1:9/services/x" } })).rejects.toMatchObject({ code: "invalid_input" });
    // Metadata addresses: never, even when allowed.
    await expect(createAlertChannel({ name: "Meta", config: { kind: "webhook", url: "http://169.254.169.254/", signingSecret: SECRET } })).rejects.toMatchObject({ code: "invalid_input" });

    const { updateSettings } = await import("../../lib/settings/settings");
    await updateSettings({ allowPrivateDestinations: true });
    const channel = await createAlertChannel({ name: "Local", config: { kind: "webhook", url: "http://127.0.0.1:9/x", signingSecret: SECRET } });
    expect(channel).toMatchObject({ kind: "webhook", config: { url: "http://127.0.0.1:9/x" }, secretsSet: ["signingSecret"] });
    expect(JSON.stringify(channel)).not.toContain(SECRET);
    await expect(updateAlertChannel(channel.id, { config: { kind: "webhook", url: "http://169.254.169.254/" } })).rejects.toMatchObject({ code: "invalid_input" });
    // The secret left out keeps its stored value.
    expect((await updateAlertChannel(channel.id, { config: { kind: "webhook", url: "http://127.0.0.1:10/y" } })).secretsSet).toEqual(["signingSecret"]);
  });

  it("name the field that is wrong", async () => {
    const { createAlertChannel } = await import("../../lib/alerts/alert-channels");
    await expect(createAlertChannel({ name: "", config: { kind: "email", to: ["not-an-address"] } })).rejects.toMatchObject({
      fieldErrors: { name: [expect.any(String)], "config.to.0": [expect.any(String)] },
    });
    await expect(createAlertChannel({ name: "Hook", config: { kind: "webhook", url: "http://127.0.0.1:9/x" } })).rejects.toMatchObject({
      fieldErrors: { "config.signingSecret": [expect.any(String)] },
    });
  });
});
