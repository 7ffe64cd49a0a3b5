/** What a change-tracking sync sends for an identifier gone from the result. */
export const DELETED_ROWS_ACTIONS = ["nothing", "identify", "track"] as const;
export type TDeletedRowsAction = (typeof DELETED_ROWS_ACTIONS)[number];
