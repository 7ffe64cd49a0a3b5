// A real session, as a browser gets one: a member made with the app's own services in the server's
// data dir, then signed in through next-auth's credentials callback over HTTP.

/** Invites and accepts a member in the served app's SQLite database (there is no user API yet). */
export async function createMember(dataDir: string, email: string, password: string) {
  process.env.TIDEWATER_DATA_DIR = dataDir;
  delete process.env.DATABASE_URL;
  delete process.env.TIDEWATER_SECRET_KEY;
  const { db } = await import("../../../lib/db");
  const { inviteUser, acceptInvite } = await import("../../../lib/users/invite-user");
  const admin = await db().user.findFirstOrThrow({ where: { role: "admin" } });
  const invite = await inviteUser(admin.id, { email, role: "member" });
  const member = await acceptInvite({ token: invite.path.split("/").pop(), name: "Member", password });
  await db().$disconnect();
  return member;
}

/** What next-auth's client does: a CSRF token, then the credentials form (with `headers` on both). */
export async function signInOverHttp(baseUrl: string, email: string, password: string, headers: Record<string, string> = {}) {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`, { headers });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = cookieHeader(csrf.headers.getSetCookie());
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { origin: baseUrl, ...headers, "content-type": "application/x-www-form-urlencoded", cookie: jar },
    body: new URLSearchParams({ email, password, csrfToken, json: "true", callbackUrl: `${baseUrl}/` }),
  });
  const text = await response.text();
  const setCookies = response.headers.getSetCookie();
  const signedIn = setCookies.some((cookie) => /next-auth\.session-token=/.test(cookie));
  return { status: response.status, headers: response.headers, text, setCookies, signedIn, cookie: `${jar}; ${cookieHeader(setCookies)}` };
}

/** Signs in with email and password; returns the Cookie header to send as that person. */
export async function signInCookie(baseUrl: string, email: string, password: string): Promise<string> {
  const reply = await signInOverHttp(baseUrl, email, password);
  if (!reply.signedIn) throw new Error(`sign-in failed (${reply.status}): ${reply.text}`);
  return reply.cookie;
}

/** The Cookie header that sends back what Set-Cookie headers set. */
export const cookieHeader = (setCookies: string[]) => setCookies.map((cookie) => cookie.split(";")[0]).join("; ");
