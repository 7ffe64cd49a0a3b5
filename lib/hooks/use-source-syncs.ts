"use client";

import { useQuery } from "@tanstack/react-query";
import { queryKeys } from "../query-keys";
import { isRunInProgress } from "../runs/run-status";
import { fetchJson } from "./fetch-json";

export type TSyncRow = {
  id: string;
  name: string;
  type: string;
  description: string;
  enabled: boolean;
  frequencyMinutes: number;
  /** The schedule in a few words: "Every 15 minutes", "After Users succeeds", … */
  scheduleLabel: string;
  nextRunAt: string | Date | null;
  lastRun: {
    id: string;
    status: string;
    startedAt: string | Date;
    finishedAt: string | Date | null;
    error: string | null;
    cancelRequestedAt: string | Date | null;
  } | null;
  destinations: { id: string; name: string }[];
};

/** A source's syncs with their last run; polls faster while one of them is queued or running. */
export function useSourceSyncs(sourceId: string, initialData: TSyncRow[]) {
  return useQuery({
    queryKey: queryKeys.sourceSyncs(sourceId),
    queryFn: () => fetchJson<TSyncRow[]>(`/sources/${sourceId}/syncs.json`),
    initialData,
    refetchInterval: (query) => (query.state.data?.some((sync) => sync.lastRun && isRunInProgress(sync.lastRun.status)) ? 1_500 : 10_000),
  });
}
