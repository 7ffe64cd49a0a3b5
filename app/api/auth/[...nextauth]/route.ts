import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";

// next-auth's own endpoints: sign-in, sign-out, session, CSRF.
const handler = (request: Request, context: unknown) => NextAuth(authOptions())(request, context);
export { handler as GET, handler as POST };
