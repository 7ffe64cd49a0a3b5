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

/** Signs in with email and password; returns the Cookie header to send as that person. */
export async function signInCookie(baseUrl: string, email: string, password: string): Promise<string> {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = cookiesOf(csrf);
  const reply = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar, origin: baseUrl },
    body: new URLSearchParams({ email, password, csrfToken, json: "true" }),
  });
  const session = cookiesOf(reply);
  if (!/session-token=/.test(session)) throw new Error(`sign-in failed (${reply.status}): ${await reply.text()}`);
  return `${jar}; ${session}`;
}

function cookiesOf(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .join("; ");
}
