// Invitations against a real app database: they expire, can be revoked, one is open per email, and
// they stop working when their inviter is removed.
import { beforeAll, describe, expect, it } from "vitest";
import { useFreshAppDatabase } from "../../test/support/app-db";
import type { Db } from "../db";

let app: Db;
const services = async () => ({ ...(await import("./invite-user")), ...(await import("./revoke-invite")), ...(await import("./remove-user")), ...(await import("./change-user-role")) });
const tokenOf = (path: string) => path.split("/").at(-1)!;
const accept = (token: string) => ({ token, name: "New", password: "correct horse battery" });
const admin = (email: string) => app.user.create({ data: { email, role: "admin", passwordHash: "x" } });

beforeAll(async () => {
  app = await useFreshAppDatabase();
});

describe("invitations", () => {
  it("expire after 7 days", async () => {
    const { acceptInvite, findOpenInvite, inviteUser } = await services();
    const ada = await admin("ada@example.com");
    const { path, expiresAt } = await inviteUser(ada.id, { email: "late@example.com" });
    expect(expiresAt.getTime() - Date.now()).toBeGreaterThan(6.99 * 86_400_000);
    await app.invite.updateMany({ where: { email: "late@example.com" }, data: { expiresAt: new Date(Date.now() - 1) } });
    expect(await findOpenInvite(tokenOf(path))).toBeNull();
    await expect(acceptInvite(accept(tokenOf(path)))).rejects.toMatchObject({ code: "not_found" });
  });

  it("can be revoked, and are listed while open", async () => {
    const { acceptInvite, inviteUser, listOpenInvites, revokeInvite } = await services();
    const ada = await app.user.findUniqueOrThrow({ where: { email: "ada@example.com" } });
    const { path } = await inviteUser(ada.id, { email: "revoked@example.com", role: "admin" });
    const [open] = (await listOpenInvites()).filter((invite) => invite.email === "revoked@example.com");
    expect(open).toMatchObject({ role: "admin", invitedBy: { email: "ada@example.com" } });
    await revokeInvite(open.id);
    await expect(acceptInvite(accept(tokenOf(path)))).rejects.toMatchObject({ code: "not_found" });
    await expect(revokeInvite(open.id)).rejects.toMatchObject({ code: "not_found" });
    expect((await listOpenInvites()).map((invite) => invite.email)).not.toContain("revoked@example.com");
  });

  it("keeps one open invite per email: a new one replaces the old link", async () => {
    const { acceptInvite, inviteUser, listOpenInvites } = await services();
    const ada = await app.user.findUniqueOrThrow({ where: { email: "ada@example.com" } });
    const first = await inviteUser(ada.id, { email: "twice@example.com" });
    const second = await inviteUser(ada.id, { email: "twice@example.com", role: "admin" });
    expect((await listOpenInvites()).filter((invite) => invite.email === "twice@example.com")).toHaveLength(1);
    await expect(acceptInvite(accept(tokenOf(first.path)))).rejects.toMatchObject({ code: "not_found" });
    expect(await acceptInvite(accept(tokenOf(second.path)))).toMatchObject({ email: "twice@example.com" });
    expect(await app.user.findUniqueOrThrow({ where: { email: "twice@example.com" } })).toMatchObject({ role: "admin" });
  });

  it("stop working when the inviter is removed, or is no longer an admin", async () => {
    const { acceptInvite, changeUserRole, inviteUser, removeUser } = await services();
    const [ada, bob, cy] = [await app.user.findUniqueOrThrow({ where: { email: "ada@example.com" } }), await admin("bob@example.com"), await admin("cy@example.com")];
    const fromBob = await inviteUser(bob.id, { email: "via-bob@example.com" });
    const fromCy = await inviteUser(cy.id, { email: "via-cy@example.com" });
    await removeUser(ada.id, bob.id);
    await changeUserRole(ada.id, cy.id, "member");
    await expect(acceptInvite(accept(tokenOf(fromBob.path)))).rejects.toMatchObject({ code: "not_found" });
    await expect(acceptInvite(accept(tokenOf(fromCy.path)))).rejects.toMatchObject({ code: "not_found" });
    expect(await app.user.count({ where: { email: { in: ["via-bob@example.com", "via-cy@example.com"] } } })).toBe(0);
  });

  it("works once, even when accepted twice at the same moment", async () => {
    const { acceptInvite, inviteUser } = await services();
    const ada = await app.user.findUniqueOrThrow({ where: { email: "ada@example.com" } });
    const { path } = await inviteUser(ada.id, { email: "once@example.com" });
    const outcomes = await Promise.allSettled([acceptInvite(accept(tokenOf(path))), acceptInvite(accept(tokenOf(path)))]);
    expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(1);
    expect((outcomes.find((outcome) => outcome.status === "rejected") as PromiseRejectedResult).reason).toMatchObject({ code: "not_found" });
  });
});
