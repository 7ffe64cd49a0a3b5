import Link from "next/link";
import { getSettings } from "@/lib/settings/settings";
import { AuditRetentionForm } from "./audit-retention-form";

/** Settings → Audit log: how long entries are kept, and the way to the log. */
export async function AuditRetentionSection() {
  const { auditRetentionDays } = await getSettings();
  return (
    <section className="panel" id="audit-log">
      <h2>Audit log</h2>
      <p className="muted" style={{ marginTop: 0 }}>
        Every change by a person or an API token, and every sign-in, is recorded without secret values. <Link href="/audit">Open the audit log</Link>.
      </p>
      <AuditRetentionForm days={auditRetentionDays} />
    </section>
  );
}
