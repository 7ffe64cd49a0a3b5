import pRetry, { AbortError } from "p-retry";
import { Agent, request } from "undici";
import { metrics } from "../observability/metrics";
import { CircuitOpenError } from "./circuit-breaker";
import type { DeliveryControls } from "./delivery-controls";
import { checkUrl, guardedLookup, UnsafeUrlError, type UrlPolicy } from "./url-guard";

/** The destination answered for good: a 4xx other than 429. The rows are refused, not retried. */
export class RejectedError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** Retries ran out on 429 / 5xx / network failures: the service is unavailable right now. */
export class UnavailableError extends Error {}

export type PostOptions = {
  headers?: Record<string, string>;
  policy: UrlPolicy;
  retries?: number;
  minDelayMs?: number;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** The destination's concurrency, rate limit and circuit breaker for this run. */
  controls?: DeliveryControls;
};

const agents = new Map<boolean, Agent>();

// Node's http.Agent would not see every connection's address, so the check lives in undici's connector,
// where it sees the resolved address of every connection.
function agentFor(policy: UrlPolicy): Agent {
  let agent = agents.get(policy.allowPrivate);
  if (!agent) {
    agent = new Agent({ connect: { lookup: guardedLookup(policy) as never }, keepAliveTimeout: 10_000 });
    agents.set(policy.allowPrivate, agent);
  }
  return agent;
}

/**
 * POSTs a JSON body with retries: 429 and 5xx and network errors back off exponentially with jitter,
 * honouring Retry-After; other 4xx fail at once. Redirects are not followed (each would need a
 * fresh address check). Returns the response text.
 */
export async function postJson(rawUrl: string, body: string | Buffer, options: PostOptions): Promise<string> {
  const url = checkUrl(rawUrl, options.policy);
  // undici's request API rather than fetch: no web-stream copy of each batch body. It follows no redirects.
  const send = async () => {
    const response = await request(url, {
      method: "POST",
      body,
      headers: { "content-type": "application/json", ...options.headers },
      dispatcher: agentFor(options.policy),
      signal: AbortSignal.any([AbortSignal.timeout(options.timeoutMs ?? 30_000), ...(options.signal ? [options.signal] : [])]),
    });
    const text = await response.body.text().catch(() => "");
    return { status: response.statusCode, text, retryAfter: header(response.headers["retry-after"]) };
  };
  const attempt = async () => {
    const breaker = options.controls?.breaker;
    try {
      breaker?.check();
    } catch (error) {
      throw new AbortError(error as CircuitOpenError);
    }
    let response;
    try {
      response = await (options.controls ? options.controls.run(send) : send());
    } catch (error) {
      const cause = error instanceof UnsafeUrlError ? error : (error as { cause?: unknown }).cause;
      if (cause instanceof UnsafeUrlError) throw new AbortError(cause);
      if (options.signal?.aborted) throw new AbortError(new UnavailableError("The delivery was cancelled."));
      metrics().requests.inc({ host: url.host, status_code: "network" });
      const failure = new UnavailableError(`Could not reach ${url.host}: ${describeNetworkError(error)}`);
      breaker?.recordFailure(failure.message);
      throw failure;
    }
    const { status, text } = response;
    metrics().requests.inc({ host: url.host, status_code: String(status) });
    if (status === 429) metrics().throttled.inc({ host: url.host });
    if (status >= 200 && status < 300) {
      breaker?.recordSuccess();
      return text;
    }
    const summary = `HTTP ${status}${text ? `: ${text.slice(0, 300)}` : ""}`;
    if (status === 429 || status >= 500) {
      breaker?.recordFailure(summary);
      throw Object.assign(new UnavailableError(`${url.host} answered ${summary}`), { retryAfterMs: retryAfterMs(response.retryAfter) });
    }
    if (status >= 300 && status < 400) throw new AbortError(new RejectedError(`${url.host} answered with a redirect (${summary}); use the final URL.`, status));
    throw new AbortError(new RejectedError(`${url.host} refused the request: ${summary}`, status));
  };
  // p-retry rethrows an AbortError's original error, so callers see RejectedError / UnsafeUrlError.
  return pRetry(attempt, {
    retries: options.retries ?? 5,
    minTimeout: options.minDelayMs ?? 500,
    maxTimeout: 30_000,
    randomize: true,
    signal: options.signal,
    onFailedAttempt: async ({ error, retriesLeft }) => {
      if (retriesLeft > 0 && !(error instanceof AbortError)) metrics().retries.inc({ host: url.host });
      const wait = (error as { retryAfterMs?: number }).retryAfterMs;
      if (wait) await new Promise((resolve) => setTimeout(resolve, Math.min(wait, 60_000)));
    },
  });
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function retryAfterMs(header: string | undefined): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function describeNetworkError(error: unknown): string {
  const { code, cause } = error as { code?: string; cause?: { code?: string; message?: string } };
  return cause?.code ?? code ?? cause?.message ?? (error as Error).message;
}
