import type { z } from "zod";
import type { KnownRows } from "./known-rows";

/** A page of a query result: column names once, rows as arrays in column order. */
export type ResultPage = { columns: string[]; rows: unknown[][] };

export type ReadOptions = {
  /** Aborting cancels the query on the database side. */
  signal?: AbortSignal;
  /** Rows per page; connectors read from the database in pages of about this size. */
  pageSize?: number;
  /** jsonb objects and arrays as JsonText, the text the database sent (PostgreSQL; the engine). */
  rawJson?: boolean;
  /** Change tracking's lookup of rows by their bytes, for readers that see them (PostgreSQL); others ignore it. */
  knownRows?: KnownRows;
  /** Stop after this many rows (previews). */
  maxRows?: number;
  /** The database stops the statement after this long. */
  timeoutMs?: number;
  /** The bytes the query will process, when the database says so before it runs (BigQuery's dry run). */
  onBytesProcessed?: (bytes: number) => void;
  /** Called once an SSH tunnel is up, so the app can pin the host key and retire a rotated key. */
  onSshTunnel?: (tunnel: SshTunnelInfo) => void;
};

/** What an SSH tunnel saw on connect: the server's host key and which private key it accepted. */
export type SshTunnelInfo = {
  /** OpenSSH form, `ssh-ed25519 AAAA…`: pin it by passing it back as `sshTunnel.hostKey`. */
  hostKey: string;
  /** `SHA256:…`, as `ssh-keygen -lf` prints it. */
  fingerprint: string;
  /** Index into `sshTunnel.privateKeys` of the key the server accepted. */
  keyIndex: number;
};

export const DEFAULT_PAGE_SIZE = 2_000;
export const DEFAULT_TIMEOUT_MS = 60 * 60 * 1000;

/**
 * What the database user may change, as the database reports it: "Save database" still saves, and
 * warns with the read-only grants the docs recommend instead.
 */
export type WriteAccess = { found: string[]; readOnlyGrants: string[] };

export type CheckOptions = {
  /** Also ask the database what the user may change (Save database does; other checks need not). */
  privileges?: boolean;
};

/** Expected failures are values with a message a person can act on, not exceptions. */
export type CheckResult = ({ ok: true; writeAccess?: WriteAccess } | { ok: false; message: string }) & {
  /** Set when the check went through an SSH tunnel (also when only the database part failed). */
  sshHostKey?: string;
  sshTunnel?: SshTunnelInfo;
};

export class ConnectorError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "ConnectorError";
  }
}

export type ConnectorSpec<TSchema extends z.ZodType = z.ZodType> = {
  kind: string;
  displayName: string;
  /** Validates the full config (secrets included); drives the form, the API and the docs. */
  configSchema: TSchema;
  /** Config keys stored encrypted and never sent back to the browser. */
  secretKeys: readonly string[];
};

/** A source connector: pure (no app database, no Next.js): config in, rows out. */
export type Connector<TConfig = Record<string, unknown>> = {
  spec: ConnectorSpec;
  check(config: TConfig, options?: CheckOptions): Promise<CheckResult>;
  /** Streams the result in pages; never holds the whole result in memory. */
  read(config: TConfig, sql: string, options?: ReadOptions): AsyncIterable<ResultPage>;
};
