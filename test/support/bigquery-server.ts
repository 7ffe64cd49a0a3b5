// A fake BigQuery: the REST endpoints @google-cloud/bigquery uses for a query job (jobs.insert,
// also as a dry run, jobs.getQueryResults with paging, jobs.cancel), with each request's
// self-signed JWT checked against the service account's public key. The real client talks to it
// via `apiEndpoint`.
import { createPublicKey, verify } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type BigQueryField = { name: string; type: string; mode?: string; fields?: BigQueryField[] };
type Cell = { v: unknown };

/** What a dry run reports; by default derived from the query's first word (and `;` → SCRIPT). */
export type DryRunReply = { statementType?: string; totalBytesProcessed?: string };

export type BigQueryReply = (

  /** Rows in the REST form: `{ f: [{ v }] }`, scalars as strings. */
  | { fields: BigQueryField[]; rows: { f: Cell[] }[] }
  | { error: { code: number; reason: string; message: string } }
  /** Stays `jobComplete: false` until cancelled. */
  | { hang: true }
) & { dryRun?: DryRunReply };

export type FakeBigQuery = {
  url: string;
  queries: { query: string; location?: string; jobTimeoutMs?: string }[];
  /** Queries sent as dry runs (not in `queries`, which are the jobs that ran). */
  dryRuns: string[];
  pageRequests: { maxResults?: string; pageToken?: string }[];
  cancelled: number;
  running: number;
  stop(): Promise<void>;
};

type Job = { id: string; reply: BigQueryReply; cancelled: boolean; location?: string };

export async function startFakeBigQuery(options: {
  projects: string[];
  serviceAccounts: Record<string, string>; // client_email → public key PEM
  respond(query: string): BigQueryReply;
}): Promise<FakeBigQuery> {
  const jobs = new Map<string, Job>();
  const state = { queries: [] as FakeBigQuery["queries"], dryRuns: [] as string[], pageRequests: [] as FakeBigQuery["pageRequests"], cancelled: 0 };

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://fake");
    const body = await readJson(req);
    if (!authorised(req.headers.authorization, options.serviceAccounts)) {
      return send(res, 401, apiError(401, "authError", "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential."));
    }
    const route = /^\/bigquery\/v2\/projects\/([^/]+)\/(jobs|queries)(?:\/([^/]+))?(\/cancel)?$/.exec(url.pathname);
    if (!route) return send(res, 404, apiError(404, "notFound", `Not found: ${url.pathname}`));
    const [, project, collection, jobId, cancel] = route;
    if (!options.projects.includes(project)) return send(res, 404, apiError(404, "notFound", `Not found: Project ${project}`));

    if (collection === "jobs" && req.method === "POST" && !jobId) {
      const reference = (body?.jobReference ?? {}) as { jobId?: string; location?: string };
      const config = (body?.configuration ?? {}) as { query?: { query?: string }; jobTimeoutMs?: string; dryRun?: boolean };
      const query = config.query?.query ?? "";
      if (config.dryRun) {
        // Like BigQuery: the query is parsed and its tables looked up, nothing runs, no job is kept.
        state.dryRuns.push(query);
        const reply = options.respond(query);
        if ("error" in reply) return send(res, reply.error.code, apiError(reply.error.code, reply.error.reason, reply.error.message));
        const bytes = reply.dryRun?.totalBytesProcessed ?? "0";
        const statistics = { totalBytesProcessed: bytes, query: { statementType: reply.dryRun?.statementType ?? statementTypeOf(query), totalBytesProcessed: bytes } };
        return send(res, 200, { kind: "bigquery#job", jobReference: { projectId: project, location: reference.location ?? "US" }, configuration: { dryRun: true }, status: { state: "DONE" }, statistics });
      }
      state.queries.push({ query, location: reference.location, jobTimeoutMs: config.jobTimeoutMs });
      const job: Job = { id: reference.jobId ?? `job_${jobs.size + 1}`, reply: options.respond(query), cancelled: false, location: reference.location };
      jobs.set(job.id, job);
      return send(res, 200, jobResource(project, job));
    }
    const job = jobId ? jobs.get(jobId) : undefined;
    if (!job) return send(res, 404, apiError(404, "notFound", `Not found: Job ${project}:${jobId}`));
    if (cancel) {
      job.cancelled = true;
      state.cancelled += 1;
      return send(res, 200, { kind: "bigquery#jobCancelResponse", job: jobResource(project, job) });
    }
    if (collection === "jobs") return send(res, 200, jobResource(project, job));

    // jobs.getQueryResults
    const maxResults = url.searchParams.get("maxResults") ?? undefined;
    const pageToken = url.searchParams.get("pageToken") ?? undefined;
    state.pageRequests.push({ maxResults, pageToken });
    const reference = { projectId: project, jobId: job.id, location: job.location };
    if (job.cancelled) return send(res, 400, apiError(400, "stopped", "Job execution was cancelled: User requested cancellation"));
    if ("hang" in job.reply) {
      // BigQuery holds the call for a while, then says the job is still running.
      await new Promise((resolve) => setTimeout(resolve, 100));
      return send(res, 200, { kind: "bigquery#getQueryResultsResponse", jobReference: reference, jobComplete: false });
    }
    if ("error" in job.reply) return send(res, job.reply.error.code, apiError(job.reply.error.code, job.reply.error.reason, job.reply.error.message));
    const start = Number(pageToken ?? 0);
    const size = Math.min(Number(maxResults ?? 100_000), 100_000);
    const rows = job.reply.rows.slice(start, start + size);
    const next = start + rows.length < job.reply.rows.length ? String(start + rows.length) : undefined;
    send(res, 200, {
      kind: "bigquery#getQueryResultsResponse", jobReference: reference, jobComplete: true, schema: { fields: job.reply.fields },
      totalRows: String(job.reply.rows.length), ...(rows.length > 0 && { rows }), ...(next && { pageToken: next }),
    });
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    queries: state.queries,
    dryRuns: state.dryRuns,
    pageRequests: state.pageRequests,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get cancelled() {
      return state.cancelled;
    },
    get running() {
      return [...jobs.values()].filter((job) => "hang" in job.reply && !job.cancelled).length;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** BigQuery's statementType for a query, roughly: more than one statement is a SCRIPT. */
export function statementTypeOf(query: string): string {
  const text = query.replace(/--[^\n]*/g, "").trim().replace(/;\s*$/, "");
  if (text.includes(";")) return "SCRIPT";
  const words = text.toUpperCase().split(/\s+/);
  if (words[0] === "SELECT" || words[0] === "WITH" || words[0] === "(") return "SELECT";
  if (words[0] === "CREATE" || words[0] === "DROP" || words[0] === "ALTER") {
    const kind = words.slice(1).find((word) => ["TABLE", "VIEW", "SCHEMA", "FUNCTION", "PROCEDURE"].includes(word)) ?? "TABLE";
    return `${words[0]}_${kind}${words[0] === "CREATE" && / AS SELECT /.test(` ${words.join(" ")} `) ? "_AS_SELECT" : ""}`;
  }
  return words[0] ?? "";
}

function jobResource(project: string, job: Job) {
  const done = job.cancelled || !("hang" in job.reply);
  return {
    kind: "bigquery#job", id: `${project}:${job.location ?? "US"}.${job.id}`,
    jobReference: { projectId: project, jobId: job.id, location: job.location ?? "US" },
    status: { state: done ? "DONE" : "RUNNING", ...(job.cancelled && { errorResult: { reason: "stopped", message: "Job execution was cancelled: User requested cancellation" } }) },
  };
}

function apiError(code: number, reason: string, message: string) {
  return { error: { code, message, errors: [{ reason, message, domain: "global" }], status: code === 401 ? "UNAUTHENTICATED" : "INVALID_ARGUMENT" } };
}

function authorised(header: string | undefined, accounts: Record<string, string>): boolean {
  const token = /^Bearer (.+)$/.exec(header ?? "")?.[1];
  const [head, payload, signature] = (token ?? "").split(".");
  if (!head || !payload || !signature) return false;
  const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { iss?: string };
  const publicKey = claims.iss ? accounts[claims.iss] : undefined;
  if (!publicKey) return false;
  return verify("RSA-SHA256", Buffer.from(`${head}.${payload}`), createPublicKey(publicKey), Buffer.from(signature, "base64url"));
}

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json; charset=UTF-8" });
  res.end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  try {
    return parts.length ? (JSON.parse(Buffer.concat(parts).toString("utf8")) as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
