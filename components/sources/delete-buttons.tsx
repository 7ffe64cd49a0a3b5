"use client";

import { deleteDatabaseAction, deleteSourceAction } from "@/app/(dashboard)/sources/actions";
import { ConfirmActionButton } from "@/components/ui/confirm-action-button";

type Source = { id: string; name: string; databases: number; syncs: number };

export function DeleteSourceButton({ source }: { source: Source }) {
  const counts = `${plural(source.databases, "database")} and ${plural(source.syncs, "sync")}`;
  return (
    <ConfirmActionButton
      label="Delete source"
      question={`Delete the source "${source.name}" with its ${counts}? Their runs and error rows go too; the data in your database is not touched.`}
      run={() => deleteSourceAction(source.id)}
      goTo="/sources"
    />
  );
}

export function DeleteDatabaseButton({ sourceId, database }: { sourceId: string; database: { id: string; name: string } }) {
  return (
    <ConfirmActionButton
      label="Delete"
      question={`Delete the database "${database.name}" from this source? Its saved connection settings and credentials go; the database itself is not touched.`}
      run={() => deleteDatabaseAction(sourceId, database.id)}
      small
    />
  );
}

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? "" : "s"}`;
