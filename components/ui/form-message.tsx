export function FormMessage({ error, ok }: { error?: string | null; ok?: string | null }) {
  if (error)
    return (
      <p className="form-error" role="alert">
        {error}
      </p>
    );
  if (ok)
    return (
      <p className="form-ok" role="status">
        {ok}
      </p>
    );
  return null;
}
