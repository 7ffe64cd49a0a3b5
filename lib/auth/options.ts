import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { recordAudit } from "../audit/record-audit";
import { derivedKey } from "../crypto";
import { checkCredentials } from "./check-credentials";
import { reachedOverHttps } from "./client-address";
import { normalizeEmail, refundSignInAttempt } from "./sign-in-limit";

type HeaderSource = Pick<Headers, "get">;

/**
 * next-auth: email + password against the users table; sessions are signed JWT cookies. Built per
 * request: over HTTPS (also behind a TLS proxy) the cookies are `Secure` and `__Secure-` prefixed,
 * so the route handler and getServerSession must pass the same request's headers.
 */
export function authOptions(headers?: HeaderSource): NextAuthOptions {
  return {
    secret: process.env.NEXTAUTH_SECRET ?? derivedKey("next-auth"),
    session: { strategy: "jwt", maxAge: 7 * 24 * 3600 },
    pages: { signIn: "/sign-in" },
    useSecureCookies: headers ? reachedOverHttps(headers) : undefined,
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, request) {
          const email = normalizeEmail(credentials?.email);
          if (!email || !credentials?.password) return null;
          const user = await checkCredentials(email, credentials.password);
          await recordSignIn(email, user);
          if (!user) return null;
          await refundSignInAttempt(email, headersOf(request?.headers));
          return { id: user.id, email: user.email, name: user.name };
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) token.sub = user.id;
        return token;
      },
      session({ session, token }) {
        return { ...session, userId: token.sub };
      },
    },
  };
}

/** Sign-ins, both ways: a failed one names the email tried (never the password) and no user. */
async function recordSignIn(email: string, user: { id: string; email: string } | null) {
  const actor = user ? { type: "user" as const, id: user.id, name: user.email } : { type: "anonymous" as const, name: email };
  await recordAudit({ actor, action: user ? "sign_in.succeeded" : "sign_in.failed", resource: { type: "session", id: user?.id, name: email } });
}

function headersOf(raw: unknown): HeaderSource {
  if (raw instanceof Headers) return raw;
  const record = (raw ?? {}) as Record<string, string | string[] | undefined>;
  return { get: (name) => [record[name.toLowerCase()] ?? null].flat()[0] ?? null };
}
