// The audit log end to end over HTTP against the production build: every audited change made through
// the REST API and the server actions with known secret values, then the entries checked (actor,
// resource, diff) and every stored row scanned raw for every secret the test set.
import { randomBytes } from "node:crypto";
import path from "node:path";
import Database from "better-sqlite3";
import { parse as parseCsv } from "csv-parse/sync";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateKeyPair } from "../../lib/ssh/keys";
import { startAppServer, type AppServer } from "../api/support/app-server";
import { signInCookie, signInOverHttp } from "../api/support/session-cookie";
import { startPostgres, type StartedPostgres } from "../support/postgres";
import { startReceiver, type Receiver } from "../support/receiver";
import { callServerAction } from "../support/server-action";
import { startSshd, type StartedSshd } from "../support/sshd";

/** Every secret value the test hands the app; none may reach an audit entry. */
const SECRETS: string[] = [];
const secret = (label: string) => {
  const value = `${label}-${randomBytes(8).toString("hex")}`;
  SECRETS.push(value);
  return value;
};

const ADMIN = { name: "Ada", email: "ada@example.com", password: secret("admin-password") };
const MEMBER = { email: "mo@example.com", password: secret("member-password") };
const LEAVER = { email: "leaver@example.com", password: secret("leaver-password") };
const [PG_PASSWORD_1, PG_PASSWORD_2] = [secret("pg-password-one"), secret("pg-password-two")];
const TENANT_HEADER = secret("tenant-header");
const [HEADER_TOKEN, SIGNING_1, SIGNING_2, WRITE_KEY] = [secret("header-token"), secret("signing-secret-one"), secret("signing-secret-two"), secret("write-key")];
const [WRONG_PASSWORD, UNKNOWN_PASSWORD] = [secret("wrong-password"), secret("unknown-password")];
const [QUERY_1, QUERY_2, QUERY_3] = [1, 2, 3].map((n) => `SELECT id AS "userId", email FROM people WHERE ${n} = ${n}`);
const TOKEN_NAME = "CI Bot";

let app: AppServer;
let postgres: StartedPostgres;
let receiver: Receiver;
let sshd: StartedSshd;
let adminCookie: string;
let memberCookie: string;
let botToken: string;
const tunnelKey = generateKeyPair("audit");
const ids = { admin: "", member: "", source: "", database: "", tunnelled: "", webhook: "", batch: "", sync: "", slowSync: "", slowRun: "" };

type Reply = { status: number; body: any; text: string };

/** A REST call as a token (`Bearer`) or a person (their Cookie header, from the app's own origin). */
async function call(method: string, route: string, as: { token?: string; cookie?: string }, body?: unknown): Promise<Reply> {
  const response = await fetch(`${app.url}/api/v1${route}`, {
    method,
    headers: {
      ...(as.token ? { authorization: `Bearer ${as.token}` } : { cookie: as.cookie!, origin: app.url }),
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: response.headers.get("content-type")?.includes("json") ? JSON.parse(text) : undefined, text };
}

const asBot = { get token() { return botToken; } };
const asAdmin = { get cookie() { return adminCookie; } };

const action = async (page: string, file: string, name: string, args: unknown[], cookie = adminCookie) => {
  const reply = await callServerAction(app.url, cookie, page, `app/${file}`, name, args);
  expect(reply.status, reply.text.slice(0, 500)).toBe(200);
  expect(reply.result, reply.text.slice(0, 500)).toMatchObject({ ok: true });
  return reply.result.data;
};

type Entry = { id: string; at: string; action: string; actor: { type: string; name: string }; resource: { type: string; id: string | null; name: string }; diff: Record<string, { before: unknown; after: unknown }> };

/** Every entry, newest first, read through the API a page of 200 at a time. */
async function allEntries(query = ""): Promise<Entry[]> {
  const entries: Entry[] = [];
  let cursor: string | null = null;
  do {
    const reply = await call("GET", `/audit-events?limit=200${query}${cursor ? `&cursor=${cursor}` : ""}`, asAdmin);
    expect(reply.status, reply.text).toBe(200);
    entries.push(...reply.body.events);
    cursor = reply.body.nextCursor;
  } while (cursor);
  return entries;
}

const entriesOf = async (actionName: string) => (await allEntries(`&action=${actionName}`)).reverse();

/** The app's database and services on the server's data dir, for what only time can do (old entries). */
async function appServices() {
  process.env.TIDEWATER_DATA_DIR = app.dataDir;
  delete process.env.DATABASE_URL;
  delete process.env.TIDEWATER_SECRET_KEY;
  const { db } = await import("../../lib/db");
  const { pruneAuditEvents } = await import("../../lib/audit/prune-audit-events");
  const { getSettings } = await import("../../lib/settings/settings");
  return { db: db(), pruneAuditEvents, getSettings };
}

const storedRows = () => {
  const sqlite = new Database(path.join(app.dataDir, "tidewater.db"), { readonly: true });
  try {
    return sqlite.prepare("SELECT * FROM AuditEvent").all() as Record<string, unknown>[];
  } finally {
    sqlite.close();
  }
};

const expectNoSecret = (text: string) => {
  for (const value of SECRETS) expect(text, `the secret ${value} leaked`).not.toContain(value);
  // Private keys, whatever their wrapping.
  expect(text).not.toMatch(/PRIVATE KEY|b3BlbnNzaC1rZXktdjE/);
};

async function waitForRun(id: string, done = (status: string) => status !== "running" && status !== "queued") {
  for (let attempt = 0; attempt < 240; attempt++) {
    const { body } = await call("GET", `/runs/${id}`, asBot);
    if (done(body.status)) return body;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`run ${id} did not end`);
}

async function asSuperuser(sql: string) {
  const client = new pg.Client({ connectionString: postgres.adminUrl });
  await client.connect();
  await client.query(sql);
  await client.end();
}

beforeAll(async () => {
  [app, postgres, receiver, sshd] = await Promise.all([startAppServer(), startPostgres(), startReceiver(), startSshd([generateKeyPair().publicKey])]);
  await sshd.setAuthorizedKeys([tunnelKey.publicKey]);
  SECRETS.push(app.token, tunnelKey.privateKey.split("\n").slice(1, 3).join("\n"));
  const client = new pg.Client({ connectionString: postgres.url });
  await client.connect();
  await client.query(`
    CREATE TABLE people (id text, email text);
    INSERT INTO people VALUES ('p1', 'ada@example.com'), ('p2', 'bo@example.com');
  `);
  await client.end();
  await asSuperuser(`CREATE ROLE audit_reader LOGIN PASSWORD '${PG_PASSWORD_1}'`);
  const owner = new pg.Client({ connectionString: postgres.url });
  await owner.connect();
  await owner.query("GRANT SELECT ON people TO audit_reader");
  await owner.end();
}, 600_000);

afterAll(async () => {
  await Promise.all([app?.stop(), postgres?.stop(), receiver?.stop(), sshd?.stop()]);
});

const pgConfig = (password: string) => {
  const url = new URL(postgres.url);
  return { host: url.hostname, port: Number(url.port), database: url.pathname.slice(1), user: "audit_reader", password, ssl: false };
};

describe("every audited action, through the API and the server actions", () => {
  it("records people: setup, sign-ins, invites, roles, removal", async () => {
    const code = new URL(app.setupLink()!).searchParams.get("code")!;
    const setup = await fetch(`${app.url}/api/setup`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ ...ADMIN, code }) });
    expect(setup.status).toBe(201);
    ids.admin = ((await setup.json()) as { id: string }).id;
    adminCookie = await signInCookie(app.url, ADMIN.email, ADMIN.password);

    // The invite's link is a secret too: it lets whoever holds it in.
    const invite = await call("POST", "/users/invites", asAdmin, { email: MEMBER.email, role: "member" });
    expect(invite.status, invite.text).toBe(201);
    const inviteToken = invite.body.path.split("/").pop();
    SECRETS.push(inviteToken);
    await action(invite.body.path, "(auth)/actions.ts", "acceptInviteAction", [{ token: inviteToken, name: "Mo", password: MEMBER.password }], "");
    memberCookie = await signInCookie(app.url, MEMBER.email, MEMBER.password);
    const users = await call("GET", "/users", asAdmin);
    ids.member = users.body.users.find((user: { email: string }) => user.email === MEMBER.email).id;
    expect((await call("PATCH", `/users/${ids.member}`, asAdmin, { role: "admin" })).status).toBe(200);
    await action("/settings", "(dashboard)/settings/actions.ts", "changeUserRoleAction", [ids.member, "member"]);

    const leaverInvite = await action("/settings", "(dashboard)/settings/actions.ts", "inviteUserAction", [{ email: LEAVER.email, role: "member" }]);
    const leaverToken = leaverInvite.path.split("/").pop();
    SECRETS.push(leaverToken);
    await action(leaverInvite.path, "(auth)/actions.ts", "acceptInviteAction", [{ token: leaverToken, name: "Lee", password: LEAVER.password }], "");
    const leaver = (await call("GET", "/users", asAdmin)).body.users.find((user: { email: string }) => user.email === LEAVER.email);
    expect((await call("DELETE", `/users/${leaver.id}`, asAdmin)).status).toBe(204);
    const revoked = await call("POST", "/users/invites", asAdmin, { email: "never@example.com", role: "admin" });
    SECRETS.push(revoked.body.path.split("/").pop());
    const open = (await call("GET", "/users/invites", asAdmin)).body.invites.find((row: { email: string }) => row.email === "never@example.com");
    await action("/settings", "(dashboard)/settings/actions.ts", "revokeInviteAction", [open.id]);

    expect((await signInOverHttp(app.url, ADMIN.email, WRONG_PASSWORD)).signedIn).toBe(false);
    expect((await signInOverHttp(app.url, "nobody@example.com", UNKNOWN_PASSWORD)).signedIn).toBe(false);

    const [first] = await entriesOf("user.setup_first_admin");
    expect(first).toMatchObject({ actor: { type: "user", name: ADMIN.email }, resource: { type: "user", id: ids.admin, name: ADMIN.email }, diff: { email: { before: null, after: ADMIN.email }, role: { before: null, after: "admin" } } });
    expect((await entriesOf("sign_in.succeeded")).map((entry) => entry.actor.name)).toEqual([ADMIN.email, MEMBER.email]);
    const failed = await entriesOf("sign_in.failed");
    expect(failed.map((entry) => [entry.actor.type, entry.actor.name, entry.diff])).toEqual([
      ["anonymous", ADMIN.email, {}],
      ["anonymous", "nobody@example.com", {}],
    ]);
    expect((await entriesOf("invite.create")).map((entry) => [entry.actor.name, entry.resource.name, entry.diff.role.after])).toEqual([
      [ADMIN.email, MEMBER.email, "member"],
      [ADMIN.email, LEAVER.email, "member"],
      [ADMIN.email, "never@example.com", "admin"],
    ]);
    expect((await entriesOf("user.accept_invite")).map((entry) => [entry.actor.name, entry.resource.type, entry.diff.role.after])).toEqual([
      [MEMBER.email, "user", "member"],
      [LEAVER.email, "user", "member"],
    ]);
    expect((await entriesOf("user.change_role")).map((entry) => [entry.actor.name, entry.resource.name, entry.diff])).toEqual([
      [ADMIN.email, MEMBER.email, { role: { before: "member", after: "admin" } }],
      [ADMIN.email, MEMBER.email, { role: { before: "admin", after: "member" } }],
    ]);
    expect(await entriesOf("user.remove")).toMatchObject([{ actor: { name: ADMIN.email }, resource: { id: leaver.id, name: LEAVER.email }, diff: { email: { before: LEAVER.email, after: null } } }]);
    expect(await entriesOf("invite.revoke")).toMatchObject([{ actor: { name: ADMIN.email }, resource: { id: open.id, name: "never@example.com" } }]);
  });

  it("records API tokens and settings, naming no token value", async () => {
    const created = await call("POST", "/tokens", asAdmin, { name: TOKEN_NAME });
    expect(created.status, created.text).toBe(201);
    botToken = created.body.token;
    SECRETS.push(botToken);
    const throwaway = await action("/settings", "(dashboard)/settings/actions.ts", "createApiTokenAction", [{ name: "throwaway", expiresAt: null }]);
    SECRETS.push(throwaway.token);
    const listed = (await call("GET", "/tokens", asAdmin)).body.tokens.find((token: { name: string }) => token.name === "throwaway");
    expect((await call("DELETE", `/tokens/${listed.id}`, asAdmin)).status).toBe(204);
    await action("/settings", "(dashboard)/settings/actions.ts", "allowPrivateDestinationsAction", [false]);
    await action("/settings", "(dashboard)/settings/actions.ts", "auditRetentionAction", [400]);

    expect((await entriesOf("api_token.create")).map((entry) => [entry.actor.name, entry.resource.name])).toEqual([
      [ADMIN.email, TOKEN_NAME],
      [ADMIN.email, "throwaway"],
    ]);
    expect(await entriesOf("api_token.revoke")).toMatchObject([{ actor: { name: ADMIN.email }, resource: { id: listed.id, name: "throwaway" } }]);
    expect((await entriesOf("settings.update")).map((entry) => entry.diff)).toEqual([{}, { auditRetentionDays: { before: 365, after: 400 } }]);
  });

  it("records sources and databases as the token that made them, a password change only as changed", async () => {
    const source = await call("POST", "/sources", asBot, { name: "Warehouse", kind: "postgres" });
    expect(source.status, source.text).toBe(201);
    ids.source = source.body.id;
    const database = await call("POST", `/sources/${ids.source}/databases`, asBot, { name: "Analytics", config: pgConfig(PG_PASSWORD_1) });
    expect(database.status, database.text).toBe(201);
    ids.database = database.body.id;

    await asSuperuser(`ALTER ROLE audit_reader PASSWORD '${PG_PASSWORD_2}'`);
    const page = `/sources/${ids.source}/databases/${ids.database}`;
    // A change the connection test refuses is not stored, so it is not recorded either.
    const refused = await callServerAction(app.url, adminCookie, page, "app/(dashboard)/sources/actions.ts", "updateDatabaseAction", [ids.database, { name: "Analytics EU", config: pgConfig(PG_PASSWORD_1) }]);
    expect(refused.result).toMatchObject({ ok: false });
    await action(page, "(dashboard)/sources/actions.ts", "updateDatabaseAction", [ids.database, { name: "Analytics EU", config: pgConfig(PG_PASSWORD_2) }]);

    const tunnel = { host: "127.0.0.1", port: sshd.port, user: sshd.user, privateKeys: [tunnelKey.privateKey], hostKey: sshd.hostKey };
    const tunnelled = await call("POST", `/sources/${ids.source}/databases`, asBot, { name: "Behind the bastion", config: pgConfig(PG_PASSWORD_2), sshTunnel: tunnel });
    expect(tunnelled.status, tunnelled.text).toBe(201);
    ids.tunnelled = tunnelled.body.id;
    expect((await call("DELETE", `/sources/${ids.source}/databases/${ids.tunnelled}`, asBot)).status).toBe(204);

    expect(await entriesOf("source.create")).toMatchObject([{ actor: { type: "token", name: TOKEN_NAME }, resource: { type: "source", id: ids.source, name: "Warehouse" }, diff: { kind: { before: null, after: "postgres" } } }]);
    const created = await entriesOf("database.create");
    expect(created[0]).toMatchObject({ actor: { type: "token", name: TOKEN_NAME }, resource: { id: ids.database, name: "Analytics" }, diff: { "config.user": { before: null, after: "audit_reader" }, "config.password": { before: null, after: "•••• changed" } } });
    expect(Object.keys(created[1].diff).filter((key) => key.startsWith("config.sshTunnel")).length).toBeGreaterThan(0);
    for (const [key, change] of Object.entries(created[1].diff)) if (key.startsWith("config.sshTunnel")) expect(change).toEqual({ before: null, after: "•••• changed" });
    const updates = await entriesOf("database.update");
    expect(updates).toHaveLength(1);
    expect(updates[0]).toMatchObject({ actor: { type: "user", name: ADMIN.email }, resource: { id: ids.database, name: "Analytics EU" } });
    expect(updates[0].diff).toEqual({ name: { before: "Analytics", after: "Analytics EU" }, "config.password": { before: "•••• set", after: "•••• changed" } });
    expect(await entriesOf("database.delete")).toMatchObject([{ resource: { id: ids.tunnelled, name: "Behind the bastion" } }]);
  });

  it("records destinations with their secrets redacted", async () => {
    const webhook = await call("POST", "/destinations", asBot, { name: "Hook", kind: "webhook", config: { url: `${receiver.url}/hook`, headers: { Authorization: `Bearer ${HEADER_TOKEN}`, "X-Tenant": TENANT_HEADER }, signingSecret: SIGNING_1 } });
    expect(webhook.status, webhook.text).toBe(201);
    ids.webhook = webhook.body.id;
    const patched = await call("PATCH", `/destinations/${ids.webhook}`, asBot, { config: { url: `${receiver.url}/hook2`, signingSecret: SIGNING_2 } });
    expect(patched.status, patched.text).toBe(200);
    const batch = await call("POST", "/destinations", asBot, { name: "Batch", kind: "http-batch", config: { url: receiver.url, writeKey: WRITE_KEY } });
    expect(batch.status, batch.text).toBe(201);
    ids.batch = batch.body.id;
    expect((await call("DELETE", `/destinations/${ids.batch}`, asBot)).status).toBe(204);

    const [hook, batchCreated] = await entriesOf("destination.create");
    expect(hook.diff).toMatchObject({ "config.headers.Authorization": { before: null, after: "•••• changed" }, "config.headers.X-Tenant": { before: null, after: "•••• changed" }, "config.signingSecret": { before: null, after: "•••• changed" } });
    expect(batchCreated.diff["config.writeKey"]).toEqual({ before: null, after: "•••• changed" });
    expect(await entriesOf("destination.update")).toMatchObject([
      { actor: { name: TOKEN_NAME }, diff: { "config.url": { before: `${receiver.url}/hook`, after: `${receiver.url}/hook2` }, "config.signingSecret": { before: "•••• set", after: "•••• changed" } } },
    ]);
    expect(await entriesOf("destination.delete")).toMatchObject([{ resource: { id: ids.batch, name: "Batch" } }]);
  });

  it("makes no change whose entry cannot be stored (the entry is written in the change's transaction)", async () => {
    const sqlite = new Database(path.join(app.dataDir, "tidewater.db"));
    sqlite.exec("CREATE TRIGGER refuse_audit BEFORE INSERT ON AuditEvent BEGIN SELECT RAISE(ABORT, 'audit log unavailable'); END");
    try {
      expect((await call("PATCH", `/destinations/${ids.webhook}`, asBot, { name: "Unlogged hook" })).status).toBe(500);
      expect((await call("POST", "/tokens", asAdmin, { name: "unlogged token" })).status).toBe(500);
      expect((await call("POST", "/syncs", asBot, { sourceId: ids.source, databaseId: ids.database, type: "identify", frequencyMinutes: 60, destinationIds: [ids.webhook], name: "Unlogged", query: QUERY_1 })).status).toBe(500);
      const refused = await callServerAction(app.url, adminCookie, "/settings", "app/(dashboard)/settings/actions.ts", "auditRetentionAction", [99]);
      expect(refused.result).toMatchObject({ ok: false });
    } finally {
      sqlite.exec("DROP TRIGGER refuse_audit");
      sqlite.close();
    }
    expect((await call("GET", `/destinations/${ids.webhook}`, asBot)).body.name).toBe("Hook");
    expect((await call("GET", "/tokens", asAdmin)).body.tokens.map((token: { name: string }) => token.name)).not.toContain("unlogged token");
    expect((await call("GET", "/syncs?limit=200", asBot)).body.syncs.map((sync: { name: string }) => sync.name)).not.toContain("Unlogged");
    const { getSettings } = await appServices();
    expect((await getSettings()).auditRetentionDays).toBe(400);
  });

  it("records syncs with the query before → after, Run now, Reset, Cancel and deletes", async () => {
    const base = { sourceId: ids.source, databaseId: ids.database, type: "identify", frequencyMinutes: 60, destinationIds: [ids.webhook] };
    const sync = await call("POST", "/syncs", asBot, { ...base, name: "People", query: QUERY_1 });
    expect(sync.status, sync.text).toBe(201);
    ids.sync = sync.body.id;
    expect((await call("PATCH", `/syncs/${ids.sync}`, asBot, { query: QUERY_2 })).status).toBe(200);
    await action(`/syncs/${ids.sync}`, "(dashboard)/syncs/actions.ts", "updateSyncAction", [ids.sync, { query: QUERY_3 }]);
    // Refused changes leave no entry.
    expect((await call("PATCH", `/syncs/${ids.sync}`, asBot, { frequencyMinutes: 0 })).status).toBe(422);
    const run = await call("POST", `/syncs/${ids.sync}/runs`, asBot);
    expect(run.status, run.text).toBe(202);
    await waitForRun(run.body.id);
    expect((await call("POST", `/runs/${run.body.id}/cancel`, asBot)).status).toBe(409);
    expect((await call("POST", `/syncs/${ids.sync}/reset`, asBot)).status).toBe(204);

    const slow = await call("POST", "/syncs", asBot, { ...base, name: "Slow people", query: `WITH pause AS (SELECT pg_sleep(3)) SELECT p.id AS "userId" FROM people p, pause` });
    ids.slowSync = slow.body.id;
    ids.slowRun = (await call("POST", `/syncs/${ids.slowSync}/runs`, asBot)).body.id;
    await waitForRun(ids.slowRun, (status) => status === "running");
    const cancelled = await call("POST", `/runs/${ids.slowRun}/cancel`, asAdmin);
    expect(cancelled.status, cancelled.text).toBe(202);
    await waitForRun(ids.slowRun);
    await action(`/sources/${ids.source}`, "(dashboard)/syncs/actions.ts", "deleteSyncAction", [ids.slowSync]);
    expect((await call("DELETE", `/sources/${ids.source}`, asBot)).status).toBe(204);

    expect((await entriesOf("sync.create")).map((entry) => [entry.actor.name, entry.resource.name])).toEqual([
      [TOKEN_NAME, "People"],
      [TOKEN_NAME, "Slow people"],
    ]);
    expect((await entriesOf("sync.create"))[0].diff).toMatchObject({ query: { before: null, after: QUERY_1 }, destinationIds: { before: null, after: [ids.webhook] } });
    expect((await entriesOf("sync.update")).map((entry) => [entry.actor.name, entry.diff])).toEqual([
      [TOKEN_NAME, { query: { before: QUERY_1, after: QUERY_2 } }],
      [ADMIN.email, { query: { before: QUERY_2, after: QUERY_3 } }],
    ]);
    expect((await entriesOf("sync.run_now")).map((entry) => [entry.resource.id, entry.diff.runId.after])).toEqual([
      [ids.sync, run.body.id],
      [ids.slowSync, ids.slowRun],
    ]);
    expect(await entriesOf("sync.reset")).toMatchObject([{ actor: { name: TOKEN_NAME }, resource: { id: ids.sync, name: "People" } }]);
    expect(await entriesOf("run.cancel")).toMatchObject([{ actor: { type: "user", name: ADMIN.email }, resource: { type: "run", id: ids.slowRun, name: "Slow people" }, diff: { cancelRequested: { before: false, after: true } } }]);
    expect((await entriesOf("sync.delete")).map((entry) => [entry.actor.name, entry.resource.id])).toEqual([
      [ADMIN.email, ids.slowSync],
      [TOKEN_NAME, ids.sync],
    ]);
    expect(await entriesOf("source.delete")).toMatchObject([{ actor: { name: TOKEN_NAME }, resource: { id: ids.source, name: "Warehouse" } }]);
  });

  it("refused changes are not recorded", async () => {
    expect((await call("DELETE", `/users/${ids.admin}`, asAdmin)).status).toBe(409);
    expect((await call("DELETE", "/tokens/nope", asAdmin)).status).toBe(404);
    expect((await call("POST", "/sources", { cookie: memberCookie }, { name: "Nope", kind: "postgres" })).status).toBe(403);
    expect(await entriesOf("user.remove")).toHaveLength(1);
    expect(await entriesOf("api_token.revoke")).toHaveLength(1);
    expect(await entriesOf("source.create")).toHaveLength(1);
  });

  it("stores no secret the test set in any column of any entry", async () => {
    const rows = storedRows();
    expect(rows.length).toBeGreaterThan(30);
    for (const row of rows) expectNoSecret(JSON.stringify(row));
    expectNoSecret(JSON.stringify(await allEntries()));
  });
});

describe("GET /api/v1/audit-events", () => {
  it("is for admins only: a member gets 403 from the API, the CSV and the page", async () => {
    expect((await call("GET", "/audit-events", { cookie: memberCookie })).status).toBe(403);
    expect((await call("GET", "/audit-events.csv", { cookie: memberCookie })).status).toBe(403);
    const page = await (await fetch(`${app.url}/audit`, { headers: { cookie: memberCookie } })).text();
    expect(page).toContain('data-testid="refused"');
    expect(page).not.toContain('data-testid="audit-events"');
    const own = await (await fetch(`${app.url}/audit`, { headers: { cookie: adminCookie } })).text();
    expect(own).toContain('data-testid="audit-events"');
    expect(own).toContain("sync.update");
  });

  it("returns every entry exactly once across cursor pages, also among entries of the same moment", async () => {
    const { db } = await appServices();
    const moment = new Date();
    for (let i = 0; i < 7; i++) await db.auditEvent.create({ data: { at: moment, actorType: "system", actorName: "Tidewater", action: "test.same_moment", resourceType: "test" } });
    const everything = await allEntries();
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const reply = await call("GET", `/audit-events?limit=4${cursor ? `&cursor=${cursor}` : ""}`, asAdmin);
      expect(reply.body.events.length).toBeLessThanOrEqual(4);
      paged.push(...reply.body.events.map((entry: Entry) => entry.id));
      cursor = reply.body.nextCursor;
    } while (cursor);
    expect(new Set(paged).size).toBe(paged.length);
    expect(paged).toEqual(everything.map((entry) => entry.id));
    const times = everything.map((entry) => Date.parse(entry.at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it("filters by who (any case, part of it), resource, action and date range", async () => {
    const byToken = await allEntries("&actor=ci%20bot");
    expect(byToken.length).toBeGreaterThan(5);
    expect(byToken.every((entry) => entry.actor.name === TOKEN_NAME)).toBe(true);
    expect((await allEntries("&actor=ADA@")).every((entry) => entry.actor.name === ADMIN.email)).toBe(true);
    const databases = await allEntries("&resourceType=database");
    expect(databases.map((entry) => entry.action).sort()).toEqual(["database.create", "database.create", "database.delete", "database.update"]);
    expect((await allEntries("&action=sync.update&actor=ada")).map((entry) => entry.diff.query.after)).toEqual([QUERY_3]);

    const { db } = await appServices();
    const old = (at: string) => db.auditEvent.create({ data: { at: new Date(at), actorType: "system", actorName: "Tidewater", action: "test.dated", resourceType: "test" } });
    for (const at of ["2020-01-14T23:59:59Z", "2020-01-15T00:00:00Z", "2020-01-31T23:30:00Z", "2020-02-01T00:00:00Z"]) await old(at);
    const january = await allEntries("&since=2020-01-15&until=2020-01-31");
    expect(january.map((entry) => entry.at)).toEqual(["2020-01-31T23:30:00.000Z", "2020-01-15T00:00:00.000Z"]);
    expect((await allEntries("&since=2020-01-31T23:00:00Z&until=2020-02-01T00:00:00Z&action=test.dated")).map((entry) => entry.at)).toEqual(["2020-01-31T23:30:00.000Z"]);
    expect((await call("GET", "/audit-events?since=yesterday", asAdmin)).status).toBe(422);
  });

  it("exports the filtered entries as CSV with a header and no secret", async () => {
    const response = await fetch(`${app.url}/api/v1/audit-events.csv?resourceType=database`, { headers: { cookie: adminCookie } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/csv/);
    const text = await response.text();
    expectNoSecret(text);
    const [header, ...records] = parseCsv(text) as string[][];
    expect(header).toEqual(["time", "actor_type", "actor", "action", "resource_type", "resource_id", "resource_name", "diff"]);
    const listed = await allEntries("&resourceType=database");
    expect(records.map((record) => record[3])).toEqual(listed.map((entry) => entry.action));
    expect(records.find((record) => record[3] === "database.update")).toEqual(expect.arrayContaining(["user", ADMIN.email, ids.database, "Analytics EU"]));
    const everything = await (await fetch(`${app.url}/api/v1/audit-events.csv`, { headers: { cookie: adminCookie } })).text();
    expectNoSecret(everything);
    expect(parseCsv(everything)).toHaveLength((await allEntries()).length + 1);
  });
});

describe("retention", () => {
  it("deletes entries older than the retention setting and keeps newer ones", async () => {
    await action("/settings", "(dashboard)/settings/actions.ts", "auditRetentionAction", [30]);
    const { db, pruneAuditEvents, getSettings } = await appServices();
    const days = (await getSettings()).auditRetentionDays;
    expect(days).toBe(30);
    const at = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000);
    const make = (daysAgo: number) => db.auditEvent.create({ data: { at: at(daysAgo), actorType: "system", actorName: "Tidewater", action: "test.retention", resourceType: "test" } });
    const [kept, gone] = [await make(29), await make(31)];
    const before = await db.auditEvent.count();
    const pruned = await pruneAuditEvents(db, days);
    expect(await db.auditEvent.findUnique({ where: { id: kept.id } })).not.toBeNull();
    expect(await db.auditEvent.findUnique({ where: { id: gone.id } })).toBeNull();
    // The 2020 entries of the date-range test went too; today's stayed.
    expect(pruned).toBe(5);
    expect(await db.auditEvent.count()).toBe(before - 5);
    expect(await entriesOf("settings.update")).toHaveLength(3);
  });
});
