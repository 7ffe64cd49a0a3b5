import { DestinationForm } from "@/components/destinations/destination-form";
import { DestinationRowActions } from "@/components/destinations/destination-row-actions";
import { InboxMessages } from "@/components/destinations/inbox-messages";
import { PageHead } from "@/components/ui/page-head";
import { pageActor } from "@/lib/auth/page-actor";
import { hasRole } from "@/lib/auth/roles";
import { describeDestinationForm } from "@/lib/destinations/describe-destination-form";
import { getDestination } from "@/lib/destinations/get-destination";
import { listInboxMessages } from "@/lib/destinations/list-inbox-messages";
import { destinationFor, type TDestinationKind } from "@/lib/destinations/registry";

export const dynamic = "force-dynamic";

export default async function DestinationPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await pageActor();
  const admin = hasRole(actor, "admin");
  const { id } = await params;
  const destination = await getDestination(id);
  const spec = destinationFor(destination.kind as TDestinationKind).spec;
  return (
    <>
      <PageHead
        title={
          <>
            {destination.name} <span className="badge">{spec.displayName}</span>
          </>
        }
        crumbs={[{ href: "/destinations", label: "Destinations" }]}
      >
        <DestinationRowActions id={destination.id} name={destination.name} admin={admin} />
      </PageHead>
      {destination.kind === "inbox" ? (
        <section className="panel">
          <h2>Received calls</h2>
          <p className="muted small" style={{ marginTop: 0 }}>
            The latest 50, newest first. Click a call to see its JSON.
          </p>
          <InboxMessages messages={await listInboxMessages(id, 50)} />
        </section>
      ) : admin ? (
        <DestinationForm forms={[describeDestinationForm(destination.kind as TDestinationKind)]} existing={destination} />
      ) : (
        <section className="panel">
          <dl className="kv">
            <dt>URL</dt>
            <dd>{String(destination.config.url ?? "—")}</dd>
            <dt>Credentials</dt>
            <dd className="secret-set">{destination.secretsSet.length ? "•••• set (only admins can change them)" : "none"}</dd>
          </dl>
        </section>
      )}
    </>
  );
}
