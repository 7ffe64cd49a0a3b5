import type { TDatabaseWarning } from "@/lib/sources/verify-database-config";

/** After "Save database": the user can change data, and the read-only grants to use instead. */
export function WriteAccessWarning({ warning }: { warning: TDatabaseWarning }) {
  return (
    <div className="form-warning stack" role="alert" data-testid="write-access-warning" style={{ gap: ".5rem" }}>
      <strong>This database user can change data</strong>
      <ul style={{ margin: 0 }}>
        {warning.found.map((item) => (
          <li key={item}>
            <code>{item}</code>
          </li>
        ))}
      </ul>
      <span>
        The database was saved. Tidewater only reads, but a user with read permissions only makes sure no query can change your data.
        Run these statements as an administrator, then edit the database to use the new user:
      </span>
      <pre className="call-json" data-testid="read-only-grants">{warning.readOnlyGrants.join("\n")}</pre>
    </div>
  );
}
