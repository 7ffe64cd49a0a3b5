// Managing users against a real app database: the rules that keep an install manageable.
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../lib/db";
import { useFreshAppDatabase } from "./support/app-db";

let app: Db;
const services = async () => ({ ...(await import("../lib/users/change-user-role")), ...(await import("../lib/users/remove-user")) });
const user = (email: string, role: string) => app.user.create({ data: { email, role, passwordHash: "x" } });

beforeAll(async () => {
  app = await useFreshAppDatabase();
});

describe("changing roles and removing users", () => {
  it("lets an admin promote, demote and remove others, and removes their API tokens with them", async () => {
    const { changeUserRole, removeUser } = await services();
    const [ada, bob] = [await user("ada@example.com", "admin"), await user("bob@example.com", "member")];
    expect(await changeUserRole(ada.id, bob.id, "admin")).toMatchObject({ role: "admin" });
    expect(await changeUserRole(ada.id, bob.id, "member")).toMatchObject({ role: "member" });
    await app.apiToken.create({ data: { name: "bob's script", tokenHash: "h-bob", userId: bob.id } });
    await removeUser(ada.id, bob.id);
    expect(await app.user.findUnique({ where: { id: bob.id } })).toBeNull();
    expect(await app.apiToken.count({ where: { userId: bob.id } })).toBe(0);
  });

  it("refuses changing or removing your own account, an unknown user and an unknown role", async () => {
    const { changeUserRole, removeUser } = await services();
    const [cy, dee] = [await user("cy@example.com", "admin"), await user("dee@example.com", "member")];
    await expect(changeUserRole(cy.id, cy.id, "member")).rejects.toMatchObject({ code: "conflict", message: expect.stringContaining("your own role") });
    await expect(removeUser(cy.id, cy.id)).rejects.toMatchObject({ code: "conflict" });
    await expect(removeUser(cy.id, "nobody")).rejects.toMatchObject({ code: "not_found" });
    await expect(changeUserRole(cy.id, dee.id, "owner")).rejects.toMatchObject({ code: "invalid_input" });
  });

  it("keeps at least one admin, even when two admins demote each other at the same moment", async () => {
    const { changeUserRole, removeUser } = await services();
    await app.user.deleteMany();
    const [eve, fay] = [await user("eve@example.com", "admin"), await user("fay@example.com", "admin")];
    const outcomes = await Promise.allSettled([changeUserRole(eve.id, fay.id, "member"), changeUserRole(fay.id, eve.id, "member")]);
    expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(1);
    expect(await app.user.count({ where: { role: "admin" } })).toBe(1);
    const [admin] = await app.user.findMany({ where: { role: "admin" } });
    const member = admin.id === eve.id ? fay : eve;
    await expect(removeUser(member.id, admin.id)).rejects.toMatchObject({ code: "conflict", message: "Tidewater needs at least one admin." });
  });
});
