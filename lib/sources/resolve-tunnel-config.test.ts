import { describe, expect, it } from "vitest";
import { encryptSecret } from "../crypto";
import { resolveTunnelConfig } from "./resolve-tunnel-config";

const key = Buffer.alloc(32, 7);
process.env.TIDEWATER_SECRET_KEY = key.toString("hex");

describe("resolveTunnelConfig", () => {
  const stored = { host: "db", sshTunnel: { host: "bastion", port: 22, user: "tw", privateKeys: ["OLD"], hostKey: "ssh-ed25519 AAAAhost" } };

  it("keeps the stored key and pinned host key when no new key was generated", () => {
    const result = resolveTunnelConfig({ host: "db", sshTunnel: { host: "bastion", port: 22, user: "tw" } }, stored);
    expect(result.sshTunnel).toEqual({ host: "bastion", port: 22, user: "tw", privateKeys: ["OLD"], hostKey: "ssh-ed25519 AAAAhost" });
  });

  it("replaces the key with a newly generated (sealed) one", () => {
    const sealedKey = encryptSecret("NEW", key);
    const result = resolveTunnelConfig({ sshTunnel: { host: "bastion", port: 22, user: "tw", sealedKey } }, stored);
    expect((result.sshTunnel as { privateKeys: string[] }).privateKeys).toEqual(["NEW"]);
  });

  it("drops the pinned host key when the tunnel moves to another host", () => {
    const result = resolveTunnelConfig({ sshTunnel: { host: "other", port: 22, user: "tw" } }, stored);
    expect(result.sshTunnel).not.toHaveProperty("hostKey");
  });

  it("turns the tunnel off with null and leaves it as stored when absent", () => {
    expect(resolveTunnelConfig({ host: "db", sshTunnel: null }, stored)).toEqual({ host: "db" });
    expect(resolveTunnelConfig({ host: "db" }, stored).sshTunnel).toEqual(stored.sshTunnel);
    expect(resolveTunnelConfig({ host: "db" })).toEqual({ host: "db" });
  });

  it("passes keys given by API callers through", () => {
    const result = resolveTunnelConfig({ sshTunnel: { host: "b", user: "u", privateKeys: ["K1", "K2"] } });
    expect((result.sshTunnel as { privateKeys: string[] }).privateKeys).toEqual(["K1", "K2"]);
  });
});
