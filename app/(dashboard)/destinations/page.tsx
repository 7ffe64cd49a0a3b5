import Link from "next/link";
import { DestinationRowActions } from "@/components/destinations/destination-row-actions";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHead } from "@/components/ui/page-head";
import { pageActor } from "@/lib/auth/page-actor";
import { hasRole } from "@/lib/auth/roles";
import { listDestinations } from "@/lib/destinations/list-destinations";
import { destinationFor, type TDestinationKind } from "@/lib/destinations/registry";

export const dynamic = "force-dynamic";

export default async function DestinationsPage() {
  const actor = await pageActor();
  const admin = hasRole(actor, "admin");
  const destinations = await listDestinations();
  return (
    <>
      <PageHead title="Destinations">
        {admin && (
          <Link className="button" href="/destinations/new">
            Add destination
          </Link>
        )}
      </PageHead>
      <section className="panel flush" data-testid="destination-list">
        {destinations.length === 0 ? (
          <EmptyState title="No destinations yet" action={admin ? { href: "/destinations/new", label: "Add destination" } : undefined}>
            A destination receives the calls your syncs produce: Customer.io Data Pipelines, Segment, a webhook, or the built-in inbox.
          </EmptyState>
        ) : (
          destinations.map((destination) => (
            <div className="list-card" key={destination.id} data-testid="destination-row">
              <div style={{ flex: 1 }}>
                <Link className="title" href={`/destinations/${destination.id}`}>
                  {destination.name}
                </Link>
                <div className="muted small">{typeof destination.config.url === "string" ? destination.config.url : destinationFor(destination.kind as TDestinationKind).spec.description}</div>
              </div>
              <span className="badge">{destinationFor(destination.kind as TDestinationKind).spec.displayName}</span>
              <DestinationRowActions id={destination.id} name={destination.name} admin={admin} />
            </div>
          ))
        )}
      </section>
    </>
  );
}
