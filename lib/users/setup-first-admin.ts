import { hashPassword } from "../auth/password";
import { db } from "../db";
import { AppError, parseInput } from "../errors";
import { ZSetupAdminSchema } from "./schemas";

export async function hasAnyUser(): Promise<boolean> {
  return (await db().user.count({ where: { passwordHash: { not: "!" } } })) > 0;
}

/** The first visitor of a fresh install creates the admin account; afterwards this is refused. */
export async function setupFirstAdmin(input: unknown) {
  const { name, email, password } = parseInput(ZSetupAdminSchema, input);
  if (await hasAnyUser()) throw new AppError("forbidden", "This Tidewater already has an admin. Sign in instead.");
  const passwordHash = await hashPassword(password);
  return db().user.upsert({
    where: { email },
    create: { email, name, role: "admin", passwordHash },
    update: { name, role: "admin", passwordHash },
    select: { id: true, email: true, role: true },
  });
}
