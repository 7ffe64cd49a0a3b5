/** The query and result limits of the product docs ("Sync query limits", "Result limits"). */
export const LIMITS = {
  queryChars: 131_072,
  columns: 512,
  columnNameChars: 128,
  recordJsonBytes: 512 * 1024,
  valueJsonBytes: 128 * 1024,
  recordsPerSync: 30_000_000,
} as const;
