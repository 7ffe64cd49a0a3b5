/** Every React Query key in the app, from one place. */
export const queryKeys = {
  sourceRuns: (sourceId: string) => ["sources", sourceId, "runs"] as const,
  sourceSyncs: (sourceId: string) => ["sources", sourceId, "syncs"] as const,
  run: (runId: string) => ["runs", runId] as const,
};
