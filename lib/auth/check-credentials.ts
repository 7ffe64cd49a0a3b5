import { db } from "../db";
import { hashPassword, verifyPassword } from "./password";

// Verified when the email is unknown (or an account that cannot sign in), so every wrong sign-in
// costs the same scrypt and the time taken does not tell which emails have an account.
let dummyHash: Promise<string> | undefined;
const dummy = () => (dummyHash ??= hashPassword("tidewater dummy password, never matches"));

/** The user behind an email and password, or null; the same work whether or not the email exists. */
export async function checkCredentials(email: string, password: string, verify = verifyPassword) {
  const user = await db().user.findUnique({ where: { email } });
  const usable = user && user.passwordHash !== "!";
  const matches = await verify(password, usable ? user.passwordHash : await dummy());
  return usable && matches ? user : null;
}
