// Functions that change data or act outside the query (files, other sessions, locks, other
// connections), per dialect. A read-only transaction does not stop most of them: dblink opens a
// connection of its own, lo_export writes a server file, pg_terminate_backend ends other sessions.
import type { SqlDialect } from "./dialect";

const CHANGES = "which can change data";
const FILES = "which reads or writes files on the database server";
const SESSIONS = "which acts on the server or on other sessions";
const LOCKS = "which takes a lock other sessions wait for";
// pg_sleep, SLEEP and BENCHMARK only take time, which the statement timeout and cancelling bound.
const WAITS = "which waits on replication";
const RUNS_SQL = "which runs SQL text Tidewater cannot check";
const SETTINGS = "which changes the session's settings";
const SEQUENCE = "which advances a sequence";
const PROGRAMS = "which runs a program on the database server";
const PROCEDURES = "which runs a system procedure";

export type TSideEffects = {
  names: Record<string, string>;
  prefixes: [string, string][];
  /** Words refused even without `(` (a sequence's `s.NEXTVAL`). */
  pseudoColumns: Record<string, string>;
  /** The prefixes hold for every name, not only for calls (SQL Server runs `sp_who` without EXEC at a batch's start). */
  prefixesOnAnyName?: boolean;
};

const postgres: TSideEffects = {
  names: {
    pg_read_file: FILES, pg_read_binary_file: FILES, pg_stat_file: FILES, pg_logdir_ls: FILES,
    lowrite: CHANGES, loread: FILES,
    pg_terminate_backend: SESSIONS, pg_cancel_backend: SESSIONS, pg_signal_backend: SESSIONS, pg_reload_conf: SESSIONS,
    pg_rotate_logfile: SESSIONS, pg_promote: SESSIONS, pg_switch_wal: SESSIONS, pg_create_restore_point: SESSIONS,
    pg_start_backup: SESSIONS, pg_stop_backup: SESSIONS, pg_backup_start: SESSIONS, pg_backup_stop: SESSIONS,
    pg_wal_replay_pause: SESSIONS, pg_wal_replay_resume: SESSIONS, pg_log_backend_memory_contexts: SESSIONS,
    pg_notify: SESSIONS, pg_switch_xlog: SESSIONS, pg_xlog_replay_pause: SESSIONS, pg_xlog_replay_resume: SESSIONS,
    pg_log_standby_snapshot: SESSIONS,
    set_config: SETTINGS,
    nextval: SEQUENCE, setval: SEQUENCE,
    txid_current: CHANGES, pg_current_xact_id: CHANGES,
    query_to_xml: RUNS_SQL, query_to_xmlschema: RUNS_SQL, query_to_xml_and_xmlschema: RUNS_SQL,
    cursor_to_xml: RUNS_SQL, cursor_to_xmlschema: RUNS_SQL,
    brin_summarize_new_values: CHANGES, brin_summarize_range: CHANGES, brin_desummarize_range: CHANGES,
    gin_clean_pending_list: CHANGES, pg_truncate_visibility_map: CHANGES, pg_import_system_collations: CHANGES,
    pg_stat_statements_reset: CHANGES,
  },
  prefixes: [
    ["dblink", CHANGES], ["lo_", CHANGES], ["pg_ls_", FILES], ["pg_file_", FILES],
    ["pg_advisory", LOCKS], ["pg_try_advisory", LOCKS],
    ["pg_logical_", CHANGES], ["pg_replication_", CHANGES], ["pg_create_", CHANGES], ["pg_drop_", CHANGES],
    ["pg_copy_", CHANGES], ["pg_stat_reset", CHANGES], ["pg_background", RUNS_SQL],
  ],
  pseudoColumns: {},
};

const mysql: TSideEffects = {
  names: {
    get_lock: LOCKS, release_lock: LOCKS, release_all_locks: LOCKS,
    load_file: FILES,
    master_pos_wait: WAITS, source_pos_wait: WAITS,
    wait_for_executed_gtid_set: WAITS, wait_until_sql_thread_after_gtids: WAITS,
    sys_exec: PROGRAMS, sys_eval: PROGRAMS, sys_set: SETTINGS,
    nextval: SEQUENCE, setval: SEQUENCE,
  },
  prefixes: [],
  pseudoColumns: { nextval: SEQUENCE },
};

const none: TSideEffects = { names: {}, prefixes: [], pseudoColumns: {} };

export const SIDE_EFFECTS: Record<SqlDialect, TSideEffects> = {
  postgresql: postgres,
  redshift: postgres,
  mysql,
  mariadb: mysql,
  transactsql: { names: {}, prefixes: [["sp_", PROCEDURES], ["xp_", PROCEDURES]], pseudoColumns: {}, prefixesOnAnyName: true },
  snowflake: { names: {}, prefixes: [["system$", SESSIONS]], pseudoColumns: { nextval: SEQUENCE } },
  bigquery: { ...none, names: { external_query: RUNS_SQL } },
};

/** Why calling `name` (lowercased) is refused, or undefined. */
export function sideEffectOf(dialect: SqlDialect, name: string): string | undefined {
  const effects = SIDE_EFFECTS[dialect];
  return own(effects.names, name) ?? effects.prefixes.find(([prefix]) => name.startsWith(prefix))?.[1];
}

/** Why the name `name` (lowercased) is refused wherever it appears, or undefined. */
export function sideEffectOfName(dialect: SqlDialect, name: string): string | undefined {
  const effects = SIDE_EFFECTS[dialect];
  if (effects.prefixesOnAnyName) return effects.prefixes.find(([prefix]) => name.startsWith(prefix))?.[1];
  return own(effects.pseudoColumns, name);
}

/** `record[key]` for the record's own keys only (`constructor` is not a function name here). */
export function own(record: Record<string, string>, key: string): string | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
