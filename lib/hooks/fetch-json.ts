/** GETs one of the app's session-checked JSON routes; an error envelope becomes a thrown Error. */
export async function fetchJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { cache: "no-store" });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new Error(body?.error?.message ?? response.statusText);
  }
  return (await response.json()) as T;
}
