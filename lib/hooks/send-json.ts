export type TSendError = { message: string; fields: Record<string, string[]> };

/** Sends JSON to one of the app's API routes (session cookie); an error envelope becomes a value. */
export async function sendJson<T>(method: "POST" | "PATCH" | "DELETE", url: string, body?: unknown): Promise<{ data?: T; error?: TSendError }> {
  const response = await fetch(url, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 204) return {};
  const json = (await response.json().catch(() => null)) as { error?: { message?: string; fields?: Record<string, string[]> } } | null;
  if (!response.ok) return { error: { message: json?.error?.message ?? response.statusText, fields: json?.error?.fields ?? {} } };
  return { data: json as T };
}
