"use client";

import { useQuery } from "@tanstack/react-query";
import { queryKeys } from "../query-keys";
import { isRunInProgress } from "../runs/run-status";
import { fetchJson } from "./fetch-json";

export type TRunRow = {
  id: string;
  status: string;
  trigger: string;
  startedAt: string | Date;
  finishedAt: string | Date | null;
  rowsRead: number;
  rowsSucceeded: number;
  rowsFailed: number;
  rowsUnchanged: number;
  /** Rows of earlier runs this run sent again (Failed rows heal). */
  rowsRetried: number;
  error: string | null;
  cancelRequestedAt: string | Date | null;
  sync: { id: string; name: string; type: string };
};

/** The Imports tab: a source's runs, polled every second while a run is queued or running. */
export function useSourceRuns(sourceId: string, initialData: TRunRow[]) {
  return useQuery({
    queryKey: queryKeys.sourceRuns(sourceId),
    queryFn: () => fetchJson<TRunRow[]>(`/sources/${sourceId}/runs.json`),
    initialData,
    refetchInterval: (query) => (query.state.data?.some((run) => isRunInProgress(run.status)) ? 1_000 : 5_000),
  });
}
