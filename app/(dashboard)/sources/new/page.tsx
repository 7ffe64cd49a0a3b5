import { NewSourceForm } from "@/components/sources/new-source-form";
import { PageHead } from "@/components/ui/page-head";
import { Refused } from "@/components/ui/refused";
import { pageActor } from "@/lib/auth/page-actor";
import { hasRole } from "@/lib/auth/roles";
import { isAvailable, SOURCE_KIND_NAMES, SOURCE_KINDS } from "@/lib/connectors/registry";

export const dynamic = "force-dynamic";

export default async function NewSourcePage() {
  if (!hasRole(await pageActor(), "admin")) return <Refused what="the source setup" />;
  const kinds = SOURCE_KINDS.map((kind) => ({ kind, name: SOURCE_KIND_NAMES[kind], available: isAvailable(kind) }));
  return (
    <>
      <PageHead title="Add Source" crumbs={[{ href: "/sources", label: "Sources" }]} />
      <NewSourceForm kinds={kinds} />
    </>
  );
}
