import { DestinationForm } from "@/components/destinations/destination-form";
import { PageHead } from "@/components/ui/page-head";
import { Refused } from "@/components/ui/refused";
import { pageActor } from "@/lib/auth/page-actor";
import { hasRole } from "@/lib/auth/roles";
import { DESTINATION_KINDS, destinationFor } from "@/lib/destinations/registry";

export const dynamic = "force-dynamic";

export default async function NewDestinationPage() {
  if (!hasRole(await pageActor(), "admin")) return <Refused what="destination credentials" />;
  const kinds = DESTINATION_KINDS.map((kind) => {
    const { displayName, description } = destinationFor(kind).spec;
    return { kind, displayName, description };
  });
  return (
    <>
      <PageHead title="Add destination" crumbs={[{ href: "/destinations", label: "Destinations" }]} />
      <DestinationForm kinds={kinds} />
    </>
  );
}
