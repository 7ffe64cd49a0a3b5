// The `tidewater` CLI's connection to a running instance: the REST API with an API token.
export type TConnection = { url: string; token: string };

export class CliError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
    this.name = "CliError";
  }
}

export type TApi = {
  get<T = any>(route: string): Promise<T>;
  send<T = any>(method: "POST" | "PATCH" | "DELETE", route: string, body?: unknown): Promise<T>;
  /** Every item of a paged list route (?cursor=). */
  all<T = any>(route: string, field: string): Promise<T[]>;
};

export function connect({ url, token }: TConnection): TApi {
  const base = url.replace(/\/+$/, "");
  const request = async (method: string, route: string, body?: unknown) => {
    let response: Response;
    try {
      response = await fetch(`${base}/api/v1${route}`, {
        method,
        headers: { authorization: `Bearer ${token}`, accept: "application/json", ...(body !== undefined ? { "content-type": "application/json" } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new CliError(`Could not reach Tidewater at ${base}: ${cause?.code ?? cause?.message ?? (error as Error).message}`);
    }
    const text = await response.text();
    const json = text && response.headers.get("content-type")?.includes("json") ? JSON.parse(text) : undefined;
    if (!response.ok) throw new CliError(`${method} ${route}: ${describeFailure(response.status, json, text)}`);
    return json;
  };
  return {
    get: (route) => request("GET", route),
    send: (method, route, body) => request(method, route, body),
    async all(route, field) {
      const items: any[] = [];
      let cursor: string | null = null;
      do {
        const separator = route.includes("?") ? "&" : "?";
        const page: Record<string, any> = await request("GET", `${route}${separator}limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
        items.push(...page[field]);
        cursor = page.nextCursor;
      } while (cursor);
      return items;
    },
  };
}

function describeFailure(status: number, json: any, text: string): string {
  const error = json?.error;
  if (!error) return `HTTP ${status} ${text.slice(0, 200)}`;
  if (status === 401) return `the API token was refused (${error.message}) — pass --token or set TIDEWATER_API_TOKEN`;
  const fields = error.fields ? Object.entries(error.fields as Record<string, string[]>).map(([field, messages]) => `\n    ${field}: ${messages.join("; ")}`).join("") : "";
  return `${error.message}${error.detail ? ` (${error.detail})` : ""}${fields}`;
}
