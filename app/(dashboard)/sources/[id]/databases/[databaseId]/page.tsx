import { DatabaseForm } from "@/components/sources/database-form";
import { PageHead } from "@/components/ui/page-head";
import { Refused } from "@/components/ui/refused";
import { pageActor } from "@/lib/auth/page-actor";
import { hasRole } from "@/lib/auth/roles";
import type { TSourceKind } from "@/lib/connectors/registry";
import { describeDatabaseForm } from "@/lib/sources/describe-database-form";
import { getDatabase } from "@/lib/sources/get-database";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string; databaseId: string }> };

export default async function EditDatabasePage({ params }: Props) {
  if (!hasRole(await pageActor(), "admin")) return <Refused what="database credentials" />;
  const { id, databaseId } = await params;
  const database = await getDatabase(databaseId);
  return (
    <>
      <PageHead
        title={`Edit ${database.name}`}
        crumbs={[{ href: "/sources", label: "Sources" }, { href: `/sources/${id}?tab=databases`, label: database.source.name }]}
      />
      <DatabaseForm sourceId={id} form={describeDatabaseForm(database.source.kind as TSourceKind)} existing={database} />
    </>
  );
}
