import { env } from "./env";

/** Where people open this Tidewater: NEXTAUTH_URL, else this process's port on localhost. For links we print or send. */
export function appOrigin(): string {
  const { NEXTAUTH_URL, PORT } = env();
  return (NEXTAUTH_URL ?? `http://localhost:${PORT}`).replace(/\/+$/, "");
}
