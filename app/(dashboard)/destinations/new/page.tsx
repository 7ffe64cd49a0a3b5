import { DestinationForm } from "@/components/destinations/destination-form";
import { PageHead } from "@/components/ui/page-head";
import { Refused } from "@/components/ui/refused";
import { pageActor } from "@/lib/auth/page-actor";
import { hasRole } from "@/lib/auth/roles";
import { describeDestinationForm } from "@/lib/destinations/describe-destination-form";
import { DESTINATION_KINDS } from "@/lib/destinations/registry";

export const dynamic = "force-dynamic";

export default async function NewDestinationPage() {
  if (!hasRole(await pageActor(), "admin")) return <Refused what="destination credentials" />;
  const forms = DESTINATION_KINDS.map(describeDestinationForm);
  return (
    <>
      <PageHead title="Add destination" crumbs={[{ href: "/destinations", label: "Destinations" }]} />
      <DestinationForm forms={forms} />
    </>
  );
}
