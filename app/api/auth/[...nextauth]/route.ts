import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { refuseSignInOverLimit } from "@/lib/auth/refuse-sign-in-over-limit";

// next-auth's own endpoints: sign-in, sign-out, session, CSRF. Options per request (Secure cookies
// over HTTPS); a credentials sign-in is counted against the limits before next-auth sees it.
type Context = { params: Promise<{ nextauth: string[] }> };
const handler = (request: Request, context: Context) => NextAuth(authOptions(request.headers))(request, context);

export const GET = handler;
export async function POST(request: Request, context: Context) {
  return (await refuseSignInOverLimit(request)) ?? handler(request, context);
}
