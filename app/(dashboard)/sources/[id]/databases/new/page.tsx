import { DatabaseForm } from "@/components/sources/database-form";
import { PageHead } from "@/components/ui/page-head";
import { Refused } from "@/components/ui/refused";
import { pageActor } from "@/lib/auth/page-actor";
import { hasRole } from "@/lib/auth/roles";
import { SOURCE_KIND_NAMES, type TSourceKind } from "@/lib/connectors/registry";
import { describeDatabaseForm } from "@/lib/sources/describe-database-form";
import { getSource } from "@/lib/sources/list-sources";

export const dynamic = "force-dynamic";

export default async function NewDatabasePage({ params }: { params: Promise<{ id: string }> }) {
  if (!hasRole(await pageActor(), "admin")) return <Refused what="database credentials" />;
  const { id } = await params;
  const source = await getSource(id);
  const kind = source.kind as TSourceKind;
  return (
    <>
      <PageHead title={`Add a ${SOURCE_KIND_NAMES[kind] ?? source.kind} database`} crumbs={[{ href: "/sources", label: "Sources" }, { href: `/sources/${id}`, label: source.name }]} />
      <p className="muted form-narrow">
        We suggest a user made for Tidewater with read-only access to the tables you want to sync, so you can revoke it at any time.
      </p>
      <DatabaseForm sourceId={id} form={describeDatabaseForm(kind)} />
    </>
  );
}
